package com.uplift.eventstore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one of many like occurrences per interval, for a log line that every request of an outage would otherwise
 * write (a packaged run answered 51,108 requests with 503 in a 53 s outage: as many warnings). The first occurrence
 * is admitted; later ones within the interval are counted, and the next one admitted says how many were not.
 */
public final class Sparse {

    public static final long NOT_ADMITTED = -1;

    private static final long NEVER = Long.MIN_VALUE;

    private final long intervalNanos;
    private final AtomicLong nextAdmission = new AtomicLong(NEVER);
    private final AtomicLong held = new AtomicLong();

    public Sparse(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * @param now a monotonic time in nanoseconds ({@link System#nanoTime()})
     * @return {@link #NOT_ADMITTED}, or how many occurrences since the last admitted one were not admitted
     */
    public long admit(long now) {
        long next = nextAdmission.get();
        boolean due = next == NEVER || now - next >= 0;
        if (!due || !nextAdmission.compareAndSet(next, now + intervalNanos)) {
            held.incrementAndGet();
            return NOT_ADMITTED;
        }
        return held.getAndSet(0);
    }
}
