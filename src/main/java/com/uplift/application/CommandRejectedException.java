package com.uplift.application;

import com.uplift.domain.Rejection;

/** A business refusal travelling to the HTTP edge. Nothing was appended. */
public class CommandRejectedException extends RuntimeException {

    private final Rejection rejection;

    public CommandRejectedException(Rejection rejection) {
        super(rejection.code() + ": " + rejection.message());
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
