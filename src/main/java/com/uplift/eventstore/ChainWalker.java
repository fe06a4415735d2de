package com.uplift.eventstore;

/**
 * Checks a stream's hash chain one event at a time, so that a long stream can be verified page by page without
 * holding it in memory. Stops at the first link that does not hold: later links cannot be trusted either.
 */
public final class ChainWalker {

    private final String streamId;
    private String previous = HashChain.GENESIS;
    private long expectedVersion = 1;
    private long checked;
    private ChainVerification broken;

    public ChainWalker(String streamId) {
        this.streamId = streamId;
    }

    /** Checks the next event of the stream; false once the chain is broken (here or earlier). */
    public boolean accept(RecordedEvent event) {
        if (broken != null) {
            return false;
        }
        if (event.streamVersion() != expectedVersion) {
            broken = ChainVerification.broken(streamId, checked, expectedVersion,
                    "version " + expectedVersion + " is missing (found " + event.streamVersion() + ")", previous);
        } else if (!event.previousHash().equals(previous)) {
            broken = ChainVerification.broken(streamId, checked, event.streamVersion(),
                    "previous hash does not match the hash of version " + (expectedVersion - 1), previous);
        } else if (!HashChain.hashOf(event).equals(event.hash())) {
            broken = ChainVerification.broken(streamId, checked, event.streamVersion(),
                    "content does not match its hash", previous);
        }
        if (broken != null) {
            return false;
        }
        previous = event.hash();
        expectedVersion++;
        checked++;
        return true;
    }

    public ChainVerification result() {
        return broken != null ? broken : ChainVerification.intact(streamId, checked, previous);
    }
}
