package com.uplift.domain.increase;

/** What a failing rule does to the request: decline it, or send it to a human. */
public enum RuleEffect {
    DECLINE, REFER
}
