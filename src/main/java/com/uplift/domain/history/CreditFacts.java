package com.uplift.domain.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the risk measures, the warning rules and the increase rules read about a credit line: the account, its
 * behaviour, its recent scores and its last increase. The credit line's state provides it; the rules receive this
 * instead of the state, so they sit below the decider that calls them and never see its commands, events or requests.
 *
 * @param recentScores   the reliable scores that could still be a window's high, the newest point always last
 * @param lastIncreaseAt when an increase was last applied (cooling-off); null if never
 * @param writtenOffOn   the business date the line was written off; null if it never was
 */
public record CreditFacts(BigDecimal limit, BigDecimal drawn, LocalDate openedOn, CreditHistory history,
                          List<ScorePoint> recentScores, Instant lastIncreaseAt, LocalDate writtenOffOn) {

    public CreditFacts {
        recentScores = List.copyOf(recentScores);
    }

    /** A line that was never written off. */
    public CreditFacts(BigDecimal limit, BigDecimal drawn, LocalDate openedOn, CreditHistory history,
                       List<ScorePoint> recentScores, Instant lastIncreaseAt) {
        this(limit, drawn, openedOn, history, recentScores, lastIncreaseAt, null);
    }
}
