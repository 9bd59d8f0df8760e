package io.tianshu.query.memory;

import java.time.LocalDateTime;

/**
 * One dated clinical fact that qualified for a criterion, as evidence.
 *
 * @param domain the criterion domain ({@code diagnosis}, {@code drug}, ...)
 * @param id the fact's record id
 * @param encounterId the encounter it belongs to
 * @param at its time (the domain's fact time, see docs/criteria-language.md)
 * @param codeKey what {@code "distinct": "CODE"} counts: the preferred code as {@code system:code},
 *     or the vital type
 */
public record Fact(
    String domain, String id, String encounterId, LocalDateTime at, String codeKey) {}
