package com.uplift.domain.creditline;

import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.policy.PolicyVersion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The credit line's decider: pure functions from (command, state, policy) to events, and from (state, event) to state. */
public final class CreditLineDecider {

    private CreditLineDecider() {
    }

    public static CreditLineState initialState() {
        return CreditLineState.INITIAL;
    }

    public static Decision decide(CreditLineCommand command, CreditLineState state, PolicyVersion policy) {
        return switch (command) {
            case OpenCreditLine open -> open(open, state);
        };
    }

    public static CreditLineState evolve(CreditLineState state, CreditLineEvent event) {
        return switch (event) {
            case CreditLineOpened e -> new CreditLineState(true, e.creditLineId(), e.borrowerId(), e.productCode(),
                    e.currency(), e.segment(), e.initialLimit(), BigDecimal.ZERO.setScale(2));
        };
    }

    private static Decision open(OpenCreditLine c, CreditLineState state) {
        if (state.opened()) {
            return new Decision.Rejected(Rejection.of("ALREADY_OPEN", "credit line " + c.creditLineId() + " is already open"));
        }
        if (c.initialLimit().signum() <= 0) {
            return new Decision.Rejected(Rejection.of("INVALID_LIMIT", "the initial limit must be positive"));
        }
        return new Decision.Accepted(List.of(new CreditLineOpened(c.creditLineId(), c.borrowerId(), c.productCode(),
                c.initialLimit().setScale(2, RoundingMode.HALF_EVEN), c.currency().getCurrencyCode(), c.segment(),
                c.occurredAt())));
    }
}
