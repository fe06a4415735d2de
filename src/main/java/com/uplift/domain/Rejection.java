package com.uplift.domain;

import java.util.List;

/** A business refusal: a value, not an exception. {@code code} names the rule, {@code reasons} the reason codes. */
public record Rejection(String code, String message, List<String> reasons) {

    public Rejection {
        reasons = List.copyOf(reasons);
    }

    public static Rejection of(String code, String message) {
        return new Rejection(code, message, List.of(code));
    }
}
