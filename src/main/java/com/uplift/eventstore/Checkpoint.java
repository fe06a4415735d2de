package com.uplift.eventstore;

/**
 * A subscriber's place in the global log. Events are delivered in (transaction id, global position) order, which,
 * unlike the position alone, never lets a late-committing transaction slip in behind a subscriber: see
 * {@link EventStore#readAll(Checkpoint, int)}.
 */
public record Checkpoint(long transactionId, long position) implements Comparable<Checkpoint> {

    public static final Checkpoint START = new Checkpoint(0, 0);

    @Override
    public int compareTo(Checkpoint other) {
        int byTransaction = Long.compare(transactionId, other.transactionId);
        return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
    }

    public boolean isAtOrAfter(Checkpoint other) {
        return compareTo(other) >= 0;
    }

    /** Text form {@code transactionId-position}, as clients see it (e.g. for read-your-writes). */
    @Override
    public String toString() {
        return transactionId + "-" + position;
    }

    public static Checkpoint parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("a checkpoint looks like <transactionId>-<position>: " + text);
        }
        return new Checkpoint(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    }
}
