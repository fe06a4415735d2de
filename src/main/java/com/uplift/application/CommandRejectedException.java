package com.uplift.application;

import com.uplift.domain.Rejection;

/** A business refusal travelling to the HTTP edge. Nothing was appended. */
public class CommandRejectedException extends RuntimeException {

    /** Whose rule refused: the answer's title names it, so a policy-book refusal does not read as a credit line's. */
    public enum RefusedBy { CREDIT_LINE, POLICY_BOOK, SCORECARD_DEVELOPMENT }

    private final Rejection rejection;
    private final RefusedBy refusedBy;

    public CommandRejectedException(Rejection rejection) {
        this(rejection, RefusedBy.CREDIT_LINE);
    }

    public CommandRejectedException(Rejection rejection, RefusedBy refusedBy) {
        super(rejection.code() + ": " + rejection.message());
        this.rejection = rejection;
        this.refusedBy = refusedBy;
    }

    public Rejection rejection() {
        return rejection;
    }

    public RefusedBy refusedBy() {
        return refusedBy;
    }
}
