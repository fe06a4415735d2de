package com.uplift.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The limits a borrower holds, summed from the live generation of the credit-line read model: the one place that
 * asks the read model across a borrower's lines (a line's own stream cannot see its siblings).
 */
@ApplicationScoped
public class BorrowerLimits {

    /** The projection's state and the sum in one statement, so both describe the same moment. */
    private static final String OTHER_LIMITS = """
            SELECT (SELECT state FROM projections WHERE name = $3) AS state,
                   (SELECT coalesce(sum(credit_limit), 0) FROM credit_line_view
                    WHERE generation = (SELECT live_generation FROM projections WHERE name = $3)
                      AND borrower_id = $1 AND credit_line_id <> $2) AS total""";

    private final Pool pool;

    public BorrowerLimits(Pool pool) {
        this.pool = pool;
    }

    /**
     * The sum of the borrower's limits on every line but {@code excludingLineId}; empty while the credit-line read
     * model is stopped by a failing event, since its rows would then undercount. Before the projection's first turn
     * there is nothing to count yet: zero.
     */
    public Uni<Optional<BigDecimal>> otherThan(String borrowerId, String excludingLineId) {
        return pool.preparedQuery(OTHER_LIMITS).execute(Tuple.of(borrowerId, excludingLineId, CreditLinesProjection.NAME))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String state = row.getString("state");
                    return state != null && !"RUNNING".equals(state) ? Optional.empty()
                            : Optional.of(row.getBigDecimal("total").setScale(2, RoundingMode.HALF_EVEN));
                });
    }
}
