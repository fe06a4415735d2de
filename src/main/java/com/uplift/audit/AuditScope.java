package com.uplift.audit;

import java.time.Instant;
import java.util.List;

/**
 * What an audit run covers: some credit lines (ids), a time range of recorded events [from, to), or everything
 * (both empty). With a range, lines are those with an event in it, and only their batches recorded in it are
 * re-checked; their whole history is still read, because a state is rebuilt from all the events before a decision.
 */
public record AuditScope(List<String> lines, Instant from, Instant to) {

    public static final AuditScope EVERYTHING = new AuditScope(List.of(), null, null);

    public AuditScope {
        lines = lines == null ? List.of() : lines.stream().distinct().sorted().toList();
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public boolean someLines() {
        return !lines.isEmpty();
    }

    public boolean covers(Instant recordedAt) {
        return (from == null || !recordedAt.isBefore(from)) && (to == null || recordedAt.isBefore(to));
    }
}
