package com.uplift.domain.borrower;

/**
 * How a borrower's exposure stream is named: {@code borrower-<id>}. The one place that spells it. The stream exists
 * so that the per-borrower limits (maximum and affordability) are claimed where the append happens: every command
 * that changes a line's exposure appends to it in the same transaction as the line's own events, at the version it
 * read, so two lines of one borrower can never both spend the same headroom.
 */
public final class BorrowerStream {

    /** Every borrower stream's id starts with this, and no other stream's does. */
    public static final String PREFIX = "borrower-";

    private BorrowerStream() {
    }

    public static String of(String borrowerId) {
        return PREFIX + borrowerId;
    }

    public static boolean is(String streamId) {
        return streamId.startsWith(PREFIX);
    }
}
