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
                              WriteOff writeOff,
                              OfferBook offers,
                              DecreaseBook decreases,
                              Instant tierSetByHandAt) {

    public static final CreditLineState INITIAL = new CreditLineState(false, null, null, null, null, null,
            BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), null, CreditHistory.EMPTY, RiskStatus.NONE,
            new TreeMap<>(), IncreaseBook.EMPTY, null, OfferBook.EMPTY, DecreaseBook.EMPTY, null);

    public CreditLineState {
        warnings = Collections.unmodifiableSortedMap(new TreeMap<>(warnings));
        offers = offers == null ? OfferBook.EMPTY : offers;
        decreases = decreases == null ? DecreaseBook.EMPTY : decreases;
    }

    /** A line without offers or decreases and with the tier it opened with (as every line before rules v5). */
    public CreditLineState(boolean opened, String creditLineId, String borrowerId, String productCode, String currency,
                           String segment, BigDecimal limit, BigDecimal drawn, LocalDate openedOn, CreditHistory history,
                           RiskStatus risk, SortedMap<String, ActiveWarning> warnings, IncreaseBook increases,
                           WriteOff writeOff) {
        this(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn, openedOn, history, risk,
                warnings, increases, writeOff, OfferBook.EMPTY, DecreaseBook.EMPTY, null);
    }

    /** A line that has not been written off. */
    public CreditLineState(boolean opened, String creditLineId, String borrowerId, String productCode, String currency,
                           String segment, BigDecimal limit, BigDecimal drawn, LocalDate openedOn, CreditHistory history,
                           RiskStatus risk, SortedMap<String, ActiveWarning> warnings, IncreaseBook increases) {
        this(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn, openedOn, history, risk,
                warnings, increases, null, OfferBook.EMPTY, DecreaseBook.EMPTY, null);
    }

    /** The write-off of the line: what the lender wrote off and as of which business date. */
    public record WriteOff(BigDecimal amount, LocalDate writtenOffOn) {
    }

    /**
     * Until when a decrease freezes increases (and offers): an increase request before this instant is declined with
     * {@code LIMIT_DECREASE}. Null when no decrease was ever applied. The offers scan reads it too.
     */
    public Instant increasesFrozenUntil() {
        return decreases.increasesFrozenUntil();
    }

    /** Whether increases are frozen at an instant by a decrease applied, or by one waiting for review. */
    public boolean increasesFrozenAt(Instant at) {
        return decreases.pending() != null
                || decreases.increasesFrozenUntil() != null && at.isBefore(decreases.increasesFrozenUntil());
    }

    /** The line's tier: its segment, or {@code STANDARD} (the base increase rules) when it has none. */
    public String tier() {
        return segment == null ? com.uplift.domain.policy.Tiering.STANDARD : segment;
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

    /**
     * 降额: the decreases decided on this line. {@code decided} numbers them (ids are {@code LD-<n>}, so replay gives
     * the same id); {@code pending} is the one waiting for review, if any.
     *
     * @param increasesFrozenUntil  until when the last applied decrease freezes increases
     * @param nextDecreaseNotBefore when a trigger may next propose a decrease (the cooling-off after the last
     *                              concluded decision, applied or declined), so a condition that persists does not
     *                              decide again on every fact
     */
    public record DecreaseBook(int decided, PendingDecrease pending, Instant increasesFrozenUntil,
                               Instant nextDecreaseNotBefore) {
        public static final DecreaseBook EMPTY = new DecreaseBook(0, null, null, null);

        /** Whether a trigger may propose a decrease at an instant. */
        public boolean mayDecideAt(Instant at) {
            return pending == null && (nextDecreaseNotBefore == null || !at.isBefore(nextDecreaseNotBefore));
        }
    }

    /**
     * A decrease referred to review, when (its review window counts from then), and the reviews it has had.
     *
     * @param policyVersion the policy the decrease was decided under: its reviews are decided under it too
     *                      ({@link CreditLineDecider#policyVersionToDecide}), so the terms it was referred on (the
     *                      cooling-off) hold whatever policy the line is under when a reviewer acts
     */
    public record PendingDecrease(String decreaseId, BigDecimal oldLimit, BigDecimal proposedLimit,
                                  int reviewLevelsRequired, List<Review> reviews, Instant referredAt, int policyVersion) {
        public PendingDecrease {
            reviews = List.copyOf(reviews);
        }

        public int nextLevel() {
            return reviews.size() + 1;
        }

        public boolean reviewedBy(String reviewer) {
            return reviews.stream().anyMatch(r -> r.reviewer().equals(reviewer));
        }
    }

    // ---- withers used by evolve ----

    CreditLineState withLimit(BigDecimal newLimit) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, newLimit, drawn,
                openedOn, history, risk, warnings, increases, writeOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withDrawn(BigDecimal newDrawn) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, newDrawn,
                openedOn, history, risk, warnings, increases, writeOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withHistory(CreditHistory newHistory) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, newHistory, risk, warnings, increases, writeOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withRisk(RiskStatus newRisk) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, newRisk, warnings, increases, writeOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withWarnings(SortedMap<String, ActiveWarning> newWarnings) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, newWarnings, increases, writeOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withWriteOff(WriteOff newWriteOff) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, warnings, increases, newWriteOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withIncreases(IncreaseBook newIncreases) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, warnings, newIncreases, writeOff, offers, decreases, tierSetByHandAt);
    }

    CreditLineState withDecreases(DecreaseBook newDecreases) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, warnings, increases, writeOff, offers, newDecreases, tierSetByHandAt);
    }

    CreditLineState withTier(String newSegment, Instant setByHandAt) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, newSegment, limit, drawn,
                openedOn, history, risk, warnings, increases, writeOff, offers, decreases, setByHandAt);
    }

    CreditLineState withOffers(OfferBook newOffers) {
        return new CreditLineState(opened, creditLineId, borrowerId, productCode, currency, segment, limit, drawn,
                openedOn, history, risk, warnings, increases, writeOff, newOffers, decreases, tierSetByHandAt);
    }

    /** 提额名单: every offer the line was made, by id (ids are never reused). */
    public record OfferBook(SortedMap<String, Offer> offers) {
        public static final OfferBook EMPTY = new OfferBook(new TreeMap<>());

        public OfferBook {
            offers = Collections.unmodifiableSortedMap(new TreeMap<>(offers));
        }

        /** The offer that can be accepted on that business date, if any (a line has at most one). */
        public java.util.Optional<Offer> live(LocalDate today) {
            return offers.values().stream().filter(o -> o.statusOn(today) == OfferStatus.LIVE).findFirst();
        }

        /** Whether this scan run already offered to, or withdrew from, the line: a rerun then does nothing more. */
        public boolean touchedBy(String scanRunId) {
            return offers.values().stream().anyMatch(o -> scanRunId.equals(o.scanRunId()) || scanRunId.equals(o.withdrawnByRun()));
        }

        OfferBook with(Offer offer) {
            SortedMap<String, Offer> next = new TreeMap<>(offers);
            next.put(offer.offerId(), offer);
            return new OfferBook(next);
        }
    }

    /**
     * An offer as the line keeps it, with what the acceptance needs: the evaluation it was made on, and every
     * material change recorded since ({@link OfferMateriality}).
     *
     * @param status          LIVE, WITHDRAWN or ACCEPTED as recorded; EXPIRED is derived from the date ({@link #statusOn})
     * @param materialChanges the types of the material events recorded on the line since the offer, in order, distinct
     */
    public record Offer(String offerId, String scanRunId, LocalDate offeredOn, LocalDate expiresOn, BigDecimal oldLimit,
                        BigDecimal offeredLimit, com.uplift.domain.increase.Sizing sizing,
                        com.uplift.domain.risk.RiskAssessment assessment, List<com.uplift.domain.increase.RuleResult> rules,
                        BigDecimal borrowerOtherLimits, int policyVersion, String policyContentHash, OfferStatus status,
                        String withdrawnByRun, List<String> materialChanges) {
        public Offer {
            rules = List.copyOf(rules);
            materialChanges = List.copyOf(materialChanges);
        }

        /** The status on a business date: a LIVE offer past its expiry date is EXPIRED. */
        public OfferStatus statusOn(LocalDate today) {
            return status == OfferStatus.LIVE && today.isAfter(expiresOn) ? OfferStatus.EXPIRED : status;
        }

        Offer withStatus(OfferStatus next, String byRun) {
            return new Offer(offerId, scanRunId, offeredOn, expiresOn, oldLimit, offeredLimit, sizing, assessment, rules,
                    borrowerOtherLimits, policyVersion, policyContentHash, next, byRun, materialChanges);
        }

        Offer withMaterialChange(String change) {
            if (materialChanges.contains(change)) {
                return this;
            }
            List<String> changes = new java.util.ArrayList<>(materialChanges);
            changes.add(change);
            return new Offer(offerId, scanRunId, offeredOn, expiresOn, oldLimit, offeredLimit, sizing, assessment, rules,
                    borrowerOtherLimits, policyVersion, policyContentHash, status, withdrawnByRun, changes);
        }
    }
}
