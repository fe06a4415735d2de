package com.uplift.audit;

import java.time.Instant;
import java.util.List;

/** Facts of the audit stream. Stored forever, like every other event, and chained like every other stream. */
public sealed interface AuditEvent {

    Instant occurredAt();

    /** A stream's last version and its hash at the moment of anchoring. */
    record AnchoredHead(String streamId, long version, String hash) {
    }

    /**
     * The heads of every stream that changed in the global log after {@code fromCheckpoint} up to and including
     * {@code throughCheckpoint}. A later removal or rewrite of any anchored event makes the stored hash at that
     * (stream, version) differ from {@code heads}, even when it is a stream's tail, which the chain alone cannot see.
     *
     * @param merkleRoot SHA-256 Merkle root over the heads (see {@link MerkleRoot}): one value to publish elsewhere
     * @param part       1-based part number when one anchoring spans several events (at most 1,000 heads each)
     */
    record StreamHeadsAnchored(String fromCheckpoint, String throughCheckpoint, int part, int parts,
                               List<AnchoredHead> heads, String merkleRoot, Instant occurredAt) implements AuditEvent {
        public StreamHeadsAnchored {
            heads = List.copyOf(heads);
        }
    }
}
