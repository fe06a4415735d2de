package com.uplift.domain.borrower;

import com.uplift.domain.borrower.BorrowerEvent.BorrowerExposureChanged;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A borrower's lines and what each exposes, folded from the borrower's exposure stream: the per-borrower maximum and
 * affordability are checked against the sum of the other lines, read at the stream version the append then claims.
 */
public record BorrowerLines(SortedMap<String, LineExposure> lines) {

    public static final BorrowerLines NONE = new BorrowerLines(new TreeMap<>());

    public BorrowerLines {
        lines = Collections.unmodifiableSortedMap(new TreeMap<>(lines));
    }

    public BorrowerLines evolve(BorrowerEvent event) {
        return switch (event) {
            case BorrowerExposureChanged e -> {
                SortedMap<String, LineExposure> next = new TreeMap<>(lines);
                next.put(e.creditLineId(), new LineExposure(e.limit(), e.pendingLimit()));
                yield new BorrowerLines(next);
            }
        };
    }

    /** What the borrower's lines other than {@code creditLineId} expose together. */
    public BigDecimal otherThan(String creditLineId) {
        return lines.entrySet().stream().filter(e -> !e.getKey().equals(creditLineId))
                .map(e -> e.getValue().amount()).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    /** What all of the borrower's lines expose together. */
    public BigDecimal total() {
        return otherThan(null);
    }

    /** True when the stream already records exactly this exposure for the line. */
    public boolean records(String creditLineId, LineExposure exposure) {
        return exposure.sameAs(lines.get(creditLineId));
    }
}
