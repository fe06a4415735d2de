package com.uplift.domain.creditline;

import com.uplift.domain.borrower.LineExposure;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.history.ScorePoint;
import com.uplift.domain.policy.Severity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one credit line, folded from its events: the account, the behaviour the risk assessment reads, the last
 * assessment, the active warning flags and the limit-increase requests.
 */
public record CreditLineState(boolean opened, String creditLineId, String borrowerId, String productCode,
                              String currency, String segment, BigDecimal limit, BigDecimal drawn,
                              LocalDate openedOn,
                              CreditHistory history,
                              RiskStatus risk,
                              SortedMap<String, ActiveWarning> warnings,
                              IncreaseBook increases,
                              WriteOff writeOff) {

    public static final CreditLineState INITIAL = new CreditLineState(false, null, null, null, null, null,
            BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), null, CreditHistory.EMPTY, RiskStatus.NONE,
            new TreeMap<>(), IncreaseBook.EMPTY, null);

    public CreditLineState {
        warnings = Collections.unmodifiableSortedMap(new TreeMap<>(warnings));
    }

    /** A line that has not been written off. */
    public CreditLineState(boolean opened, String creditLineId, String borrowerId, String productCode, String currency,
                           String segment, BigDecimal limit, BigDecimal drawn, LocalDate openedOn, CreditHistory history,
                           RiskStatus risk, SortedMap<String, ActiveWarning> warnings, IncreaseBook increases) {
        this(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn, openedOn, history, risk,
                warnings, increases, null);
    }

    /** The write-off of the line: what the lender wrote off and as of which business date. */
    public record WriteOff(BigDecimal amount, LocalDate writtenOffOn) {
    }

    public BigDecimal available() {
        return limit.subtract(drawn);
    }

    /**
     * What this line exposes for its borrower: its limit and the limit the referral waiting for review would give it
     * (what the last level approved, else the proposal). The borrower's exposure stream records it after every change.
     */
    public LineExposure exposure() {
        BigDecimal pending = increases.pending().stream().findFirst().map(r -> r.reviews().isEmpty() ? r.proposedLimit()
                : r.reviews().get(r.reviews().size() - 1).approvedLimit()).orElse(null);
        return new LineExposure(limit, pending);
    }

    /** What the risk measures, warning rules and increase rules read: they get this, never the whole state. */
    public CreditFacts facts() {
        return new CreditFacts(limit, drawn, openedOn, history, risk.recentScores(), increases.lastIncreaseAt(),
                writeOff == null ? null : writeOff.writtenOffOn());
    }

    /**
     * The latest score, the grade and APR in force, and the recent reliable scores that could be a 90-day high (the
     * score-drop warning compares against them; the newest point is always last).
     */
    public record RiskStatus(Integer score, String grade, BigDecimal aprPercent, List<ScorePoint> recentScores) {
        public static final RiskStatus NONE = new RiskStatus(null, null, null, List.of());

        public RiskStatus {
            recentScores = List.copyOf(recentScores);
        }
    }

    public record ActiveWarning(String flag, Severity severity, String detail, Instant raisedAt) {
    }

    /** A limit-increase request and the reviews it has had. */
    /**
     * @param requestedLimit what the borrower asked for (null: as much as allowed); no approval goes beyond it
     * @param maxLimit       the maximum this request was sized against (product maximum less the borrower's other
     *                       lines); null when it could not be sized
     */
    public record IncreaseRequest(String requestId, String requestedBy, String channel, BigDecimal requestedLimit,
                                  BigDecimal proposedLimit, BigDecimal maxLimit, BigDecimal borrowerOtherLimits,
                                  int reviewLevelsRequired, List<Review> reviews, IncreaseStatus status) {
        public IncreaseRequest {
            reviews = List.copyOf(reviews);
        }

        /** The level that must review next: one above the last approval. */
        public int nextLevel() {
            return reviews.size() + 1;
        }

        public boolean reviewedBy(String reviewer) {
            return reviews.stream().anyMatch(r -> r.reviewer().equals(reviewer));
        }
    }

    public record Review(int level, String reviewer, ReviewOutcome outcome, BigDecimal approvedLimit) {
    }

    /** Every request by id (ids are never reused), and when an increase was last applied (cooling-off). */
    public record IncreaseBook(SortedMap<String, IncreaseRequest> requests, Instant lastIncreaseAt) {
        public static final IncreaseBook EMPTY = new IncreaseBook(new TreeMap<>(), null);

        public IncreaseBook {
            requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
        }

        public List<IncreaseRequest> pending() {
            return requests.values().stream().filter(r -> r.status() == IncreaseStatus.PENDING).toList();
        }
    }

    // ---- withers used by evolve ----

    CreditLineState withLimit(BigDecimal newLimit) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, newLimit, drawn,
                openedOn, history, risk, warnings, increases, writeOff);
    }

    CreditLineState withDrawn(BigDecimal newDrawn) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, newDrawn,
                openedOn, history, risk, warnings, increases, writeOff);
    }

    CreditLineState withHistory(CreditHistory newHistory) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, newHistory, risk, warnings, increases, writeOff);
    }

    CreditLineState withRisk(RiskStatus newRisk) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, newRisk, warnings, increases, writeOff);
    }

    CreditLineState withWarnings(SortedMap<String, ActiveWarning> newWarnings) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, newWarnings, increases, writeOff);
    }

    CreditLineState withWriteOff(WriteOff newWriteOff) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, warnings, increases, newWriteOff);
    }

    CreditLineState withIncreases(IncreaseBook newIncreases) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, warnings, newIncreases, writeOff);
    }
}
