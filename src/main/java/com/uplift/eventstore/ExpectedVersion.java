package com.uplift.eventstore;

/** The stream version a writer believes is current. The database refuses the append when it is not. */
public record ExpectedVersion(long value) {

    /** The stream must not exist yet. */
    public static final ExpectedVersion NO_STREAM = new ExpectedVersion(0);
    /** Append after whatever is there; still safe, since the database serializes versions. */
    public static final ExpectedVersion ANY = new ExpectedVersion(-1);

    public static ExpectedVersion exactly(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("a stream version is >= 0");
        }
        return new ExpectedVersion(version);
    }

    public boolean isAny() {
        return value < 0;
    }
}
