package io.tianshu.ingest.staging;

/**
 * What staging did with one incoming message, once its transaction committed: the message is
 * durable.
 *
 * @param id the staging row of this delivery
 * @param duplicate whether the same content from the same source was staged before (in an earlier
 *     transaction or earlier in the same one)
 * @param originalId the row holding the content: {@code id} itself unless a duplicate
 * @param originalStatus the original's status when this delivery was staged ({@code STAGED} for a
 *     new message; an earlier delivery still {@code STAGED} was never applied, e.g. after a crash)
 */
public record StageReceipt(
    long id, boolean duplicate, long originalId, MessageStatus originalStatus) {}
