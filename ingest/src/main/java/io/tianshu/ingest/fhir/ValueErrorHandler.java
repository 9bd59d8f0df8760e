package io.tianshu.ingest.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * Rejects a resource whose values HAPI cannot represent (an invalid date, a string where an object
 * belongs, an array for a single element), so that such a value is never silently dropped. Unknown
 * elements and missing required elements pass: the mappings check what Tianshu needs. Nothing is
 * logged, because messages may quote patient data.
 */
final class ValueErrorHandler implements IParserErrorHandler {

  @Override
  public void invalidValue(IParseLocation location, String value, String error) {
    throw new DataFormatException(
        "invalid value '" + value + "' in " + where(location) + ": " + error);
  }

  @Override
  public void incorrectJsonType(
      IParseLocation location,
      String elementName,
      ValueType expected,
      ScalarType expectedScalar,
      ValueType found,
      ScalarType foundScalar) {
    throw new DataFormatException(
        "element '"
            + elementName
            + "' in "
            + where(location)
            + " has JSON type "
            + describe(found, foundScalar)
            + ", expected "
            + describe(expected, expectedScalar));
  }

  @Override
  public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
    throw new DataFormatException(
        "element '" + elementName + "' in " + where(location) + " repeats but may occur once");
  }

  @Override
  public void containedResourceWithNoId(IParseLocation location) {}

  @Override
  public void missingRequiredElement(IParseLocation location, String elementName) {}

  @Override
  public void unknownAttribute(IParseLocation location, String attributeName) {}

  @Override
  public void unknownElement(IParseLocation location, String elementName) {}

  @Override
  public void unknownReference(IParseLocation location, String reference) {}

  @Override
  public void invalidInternalReference(IParseLocation location, String reference) {}

  @Override
  public void extensionContainsValueAndNestedExtensions(IParseLocation location) {}

  private static String where(IParseLocation location) {
    return location == null || location.getParentElementName() == null
        ? "the resource"
        : "'" + location.getParentElementName() + "'";
  }

  private static String describe(ValueType type, ScalarType scalar) {
    return scalar == null ? String.valueOf(type) : type + " (" + scalar + ")";
  }
}
