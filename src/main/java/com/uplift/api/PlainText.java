package com.uplift.api;

import java.util.Optional;

/**
 * What text the API accepts anywhere (body fields, map keys, path and query parameters): no C0 control character
 * other than tab, line feed and carriage return, and no unpaired surrogate. PostgreSQL refuses NUL in text and jsonb,
 * and a lone surrogate cannot be written as UTF-8; refusing them at the edge makes them a 400 naming the field
 * instead of a failure inside the store.
 */
public final class PlainText {

    private PlainText() {
    }

    /** Why {@code text} is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of(String.format("contains the control character U+%04X", (int) c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a well-formed pair
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate (not valid Unicode text)");
            }
        }
        return Optional.empty();
    }
}
