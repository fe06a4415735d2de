package com.uplift.domain.creditline;

/**
 * How a credit line's event stream is named: {@code credit-line-<id>}. The one place that spells it; the event store
 * knows streams only, and every other layer asks here.
 */
public final class CreditLineStream {

    /** Every credit line's stream id starts with this, and no other stream's does. */
    public static final String PREFIX = "credit-line-";

    private CreditLineStream() {
    }

    /** The stream id of a credit line. */
    public static String of(String creditLineId) {
        return PREFIX + creditLineId;
    }

    /** True for a credit line's stream (not the policy book's, not the audit's). */
    public static boolean is(String streamId) {
        return streamId.startsWith(PREFIX);
    }

    /** The credit-line id a stream belongs to; only for a stream for which {@link #is} holds. */
    public static String lineId(String streamId) {
        if (!is(streamId)) {
            throw new IllegalArgumentException("not a credit line's stream: " + streamId);
        }
        return streamId.substring(PREFIX.length());
    }
}
