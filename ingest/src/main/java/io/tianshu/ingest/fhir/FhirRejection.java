package io.tianshu.ingest.fhir;

/**
 * A FHIR resource (or a whole input that could not be opened) that was not turned into records,
 * with the stable reason.
 *
 * @param resourceType the resource type, {@code Bundle} for an input that could not be opened, or
 *     empty when not even the type could be read
 * @param resourceId the resource's logical id, else its fullUrl, else empty
 * @param code a stable {@code TS-INGEST-2nn} code (see {@code ingest/README.md})
 * @param reason one readable sentence naming the element at fault; it may quote source values, so
 *     it is as sensitive as the payload and must not go to general logs
 */
public record FhirRejection(String resourceType, String resourceId, String code, String reason) {}
