package com.uplift.application;

import java.time.Duration;

/**
 * A command without If-Match could not be run in time: its line's queue was full, or its deadline passed while it
 * waited or while another instance kept winning the line. Nothing was appended for it; the client may retry after
 * {@link #retryAfter()} (with the same Idempotency-Key, if it sent one).
 */
public class LineBusyException extends RuntimeException {

    private final Duration retryAfter;

    public LineBusyException(String creditLineId, String why, Duration retryAfter) {
        super("credit line " + creditLineId + " is busy: " + why + "; nothing was recorded, retry after "
                + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
