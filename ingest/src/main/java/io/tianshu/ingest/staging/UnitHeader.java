package io.tianshu.ingest.staging;

/**
 * What staging records of a unit before it is parsed, read cheaply from its bytes. Any field may be
 * null when the content does not say; staging then uses the source the connector declared.
 *
 * @param source the sending system, e.g. a FHIR bundle's {@code meta.source}
 * @param sourceId the unit's own id, e.g. {@code Bundle/123}, a CDA document id, a row key
 * @param type e.g. {@code FHIR^Bundle}, {@code CDA^C0034}
 * @param charset the declared character set, when the format declares one
 */
public record UnitHeader(String source, String sourceId, String type, String charset) {

  public static final UnitHeader NONE = new UnitHeader(null, null, null, null);
}
