package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.readmodel.BorrowerLimits;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;

/**
 * The limits a borrower holds on their other lines, from the credit-line read model: the regulatory maximum is per
 * borrower, and one line's stream cannot see the others. The value travels in the command and is recorded in the
 * decision, so a replay uses what the service knew then. While the read model is stopped, commands that need it are
 * refused (503); while it merely trails the log (normally by moments), a line changed in that moment is not yet
 * counted (see docs/policy.md).
 */
@ApplicationScoped
public class BorrowerExposure {

    /** The borrower's other lines cannot be summed right now (the credit-line read model is stopped). */
    public static class ExposureUnknownException extends RuntimeException {
        public ExposureUnknownException() {
            super("the borrower's other credit lines cannot be summed while the credit-line read model is stopped");
        }
    }

    private final BorrowerLimits limits;

    public BorrowerExposure(BorrowerLimits limits) {
        this.limits = limits;
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
        // A stopped read model would undercount: refuse rather than let a line past the cap (fail closed).
        return limits.otherThan(borrowerId, excludingLineId).map(total -> total.orElseThrow(ExposureUnknownException::new));
    }
}
