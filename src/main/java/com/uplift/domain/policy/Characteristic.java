package com.uplift.domain.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One scorecard characteristic: its bins and the reason code quoted when it loses points
 * (adverse-action style: "points lost against the best bin").
 */
public record Characteristic(String reasonCode, String description, List<Bin> bins) {

    public Characteristic {
        Objects.requireNonNull(reasonCode, "reasonCode");
        bins = List.copyOf(bins);
        if (bins.isEmpty()) {
            throw new IllegalArgumentException("characteristic " + reasonCode + " has no bins");
        }
    }

    public int maxPoints() {
        return bins.stream().mapToInt(Bin::points).max().orElse(0);
    }

    /** The first bin containing the value; bins are meant to be exhaustive, so no match is a policy error. */
    public Bin binFor(BigDecimal value) {
        return bins.stream().filter(b -> b.contains(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bin of " + reasonCode + " contains " + value));
    }
}
