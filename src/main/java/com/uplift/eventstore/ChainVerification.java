package com.uplift.eventstore;

/**
 * The result of walking one stream's hash chain.
 *
 * @param brokenAtVersion the first version whose link does not hold (null when intact)
 * @param problem         what is wrong there, in words (null when intact)
 * @param headHash        the hash of the last event checked
 */
public record ChainVerification(String streamId, long eventsChecked, Long brokenAtVersion, String problem,
                                String headHash) {

    public boolean intact() {
        return brokenAtVersion == null;
    }

    static ChainVerification intact(String streamId, long eventsChecked, String headHash) {
        return new ChainVerification(streamId, eventsChecked, null, null, headHash);
    }

    static ChainVerification broken(String streamId, long eventsChecked, long version, String problem, String headHash) {
        return new ChainVerification(streamId, eventsChecked, version, problem, headHash);
    }
}
