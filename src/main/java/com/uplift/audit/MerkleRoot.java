package com.uplift.audit;

import com.uplift.eventstore.HashChain;

import java.util.ArrayList;
import java.util.List;

/**
 * A SHA-256 Merkle root over anchored heads, so one short value stands for all of them. Leaves are
 * SHA-256("streamId\nversion\nhash") in the order given (sorted by stream id); a level with an odd count carries its
 * last node up unchanged. A receiver recomputes it from the heads alone.
 */
public final class MerkleRoot {

    private MerkleRoot() {
    }

    public static String of(List<AuditEvent.AnchoredHead> heads) {
        if (heads.isEmpty()) {
            return HashChain.sha256("");
        }
        List<String> level = new ArrayList<>(heads.size());
        heads.forEach(h -> level.add(HashChain.sha256(h.streamId() + "\n" + h.version() + "\n" + h.hash())));
        List<String> current = level;
        while (current.size() > 1) {
            List<String> next = new ArrayList<>((current.size() + 1) / 2);
            for (int i = 0; i < current.size(); i += 2) {
                next.add(i + 1 < current.size() ? HashChain.sha256(current.get(i) + current.get(i + 1)) : current.get(i));
            }
            current = next;
        }
        return current.getFirst();
    }
}
