package io.tianshu.query.sql;

/**
 * One row of an attrition table.
 *
 * @param rule the inclusion rule's name
 * @param remaining patients still in the cohort after this rule and all before it
 */
public record RuleAttrition(String rule, long remaining) {}
