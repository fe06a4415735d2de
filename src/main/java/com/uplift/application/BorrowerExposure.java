package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The limits a borrower holds on their other lines, from the credit-line read model: the regulatory maximum is per
 * borrower, and one line's stream cannot see the others. The value travels in the command and is recorded in the
 * decision, so a replay uses what the service knew then. While the read model is stopped, commands that need it are
 * refused (503); while it merely trails the log (normally by moments), a line changed in that moment is not yet
 * counted (see docs/policy.md).
 */
@ApplicationScoped
public class BorrowerExposure {

    private static final String OTHER_LIMITS = """
            SELECT (SELECT state FROM projections WHERE name = 'credit-lines') AS state,
                   (SELECT coalesce(sum(credit_limit), 0) FROM credit_line_view
                    WHERE generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')
                      AND borrower_id = $1 AND credit_line_id <> $2) AS total""";

    /** The borrower's other lines cannot be summed right now (the credit-line read model is stopped). */
    public static class ExposureUnknownException extends RuntimeException {
        public ExposureUnknownException() {
            super("the borrower's other credit lines cannot be summed while the credit-line read model is stopped");
        }
    }

    private final Pool pool;

    public BorrowerExposure(Pool pool) {
        this.pool = pool;
    }

    /** The command with the borrower's other limits filled in, where it needs them and does not carry them yet. */
    public Uni<CreditLineCommand> enrich(CreditLineCommand command, CreditLineState state) {
        return switch (command) {
            case CreditLineCommand.OpenCreditLine c when c.borrowerOtherLimits() == null ->
                    otherLimits(c.borrowerId(), c.creditLineId()).map(c::withBorrowerOtherLimits);
            case CreditLineCommand.RequestLimitIncrease c when c.borrowerOtherLimits() == null && state.opened() ->
                    otherLimits(state.borrowerId(), state.creditLineId()).map(c::withBorrowerOtherLimits);
            default -> Uni.createFrom().item(command);
        };
    }

    Uni<BigDecimal> otherLimits(String borrowerId, String excludingLineId) {
        return pool.preparedQuery(OTHER_LIMITS).execute(Tuple.of(borrowerId, excludingLineId)).map(rows -> {
            var row = rows.iterator().next();
            // A stopped read model would undercount: refuse rather than let a line past the cap (fail closed).
            if (row.getString("state") != null && !"RUNNING".equals(row.getString("state"))) {
                throw new ExposureUnknownException();
            }
            return row.getBigDecimal("total").setScale(2, RoundingMode.HALF_EVEN);
        });
    }
}
