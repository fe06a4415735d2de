package com.uplift.domain.creditline;

import com.uplift.domain.decrease.DecreaseOutcome;
import com.uplift.domain.decrease.DecreaseStatus;
import com.uplift.domain.decrease.TriggerHit;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.Sizing;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.signals.RiskSignal;
import com.uplift.domain.warning.ClearanceReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A fact about one credit line. Stored forever: a change of shape needs a new schema version and an upcaster
 * (approval tests freeze every shape). Decision events name the policy version and content hash they were made under,
 * and the decider's rules version ({@link com.uplift.domain.DeciderRules}): re-verification re-decides them under both.
 */
public sealed interface CreditLineEvent {

    Instant occurredAt();

    /** @param borrowerOtherLimits the borrower's other lines' limits the per-borrower maximum was checked against */
    record CreditLineOpened(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                            String currency, String segment, LocalDate openedOn, BigDecimal borrowerOtherLimits,
                            Instant occurredAt)
            implements CreditLineEvent {

        public CreditLineOpened(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                                String currency, String segment, LocalDate openedOn, Instant occurredAt) {
            this(creditLineId, borrowerId, productCode, initialLimit, currency, segment, openedOn, null, occurredAt);
        }
    }

    record DrawdownRecorded(BigDecimal amount, BigDecimal drawnAfter, Instant occurredAt) implements CreditLineEvent {
    }

    /** @param daysLate 0 when paid on or before the due date; arrearsAfter = recorded arrears still unpaid */
    record RepaymentRecorded(BigDecimal amount, LocalDate dueDate, LocalDate paidOn, int daysLate,
                             BigDecimal arrearsAfter, BigDecimal drawnAfter, Instant occurredAt)
            implements CreditLineEvent {
    }

    record PaymentMissed(LocalDate dueDate, BigDecimal amountDue, Instant occurredAt) implements CreditLineEvent {
    }

    record DelinquencyReported(int daysPastDue, LocalDate asOf, Instant occurredAt) implements CreditLineEvent {
    }

    /** The line is current again; cause REPAYMENT (arrears paid) or SERVICING_REPORT (a report of 0 days past due). */
    record DelinquencyCured(LocalDate curedOn, int daysPastDueBefore, String cause, Instant occurredAt)
            implements CreditLineEvent {
    }

    record IncomeVerified(BigDecimal monthlyIncome, IncomeSource source, YearMonth period, Instant occurredAt)
            implements CreditLineEvent {
    }

    /**
     * @param changedOn the business date of the change (schema v2, rules v4: the request's, or the day it was reported);
     *                  null for changes recorded before, which are dated by {@code occurredAt}
     */
    record AssetChangeReported(AssetKind kind, AssetDirection direction, BigDecimal estimatedValue, LocalDate changedOn,
                               Instant occurredAt) implements CreditLineEvent {

        /** As rules v1-v3 recorded it: without a business date of its own. */
        public AssetChangeReported(AssetKind kind, AssetDirection direction, BigDecimal estimatedValue, Instant occurredAt) {
            this(kind, direction, estimatedValue, null, occurredAt);
        }
    }

    record BureauReportReceived(String bureau, String reportId, int score, List<String> negativeRecords,
                                Instant pulledAt, Instant occurredAt) implements CreditLineEvent {
        public BureauReportReceived {
            negativeRecords = List.copyOf(negativeRecords);
        }
    }

    /** The line was written off (charged off): {@code amount} is not expected to be repaid, as of {@code writtenOffOn}. */
    record WriteOffRecorded(BigDecimal amount, LocalDate writtenOffOn, Instant occurredAt) implements CreditLineEvent {
    }

    /** The note with the signals extracted when it was recorded, so replay never re-tokenizes. */
    record ServiceNoteRecorded(String text, String channel, List<RiskSignal> signals, Instant occurredAt)
            implements CreditLineEvent {
        public ServiceNoteRecorded {
            signals = List.copyOf(signals);
        }
    }

    /** A re-assessment after an input changed; {@code trigger} names the event type that caused it. */
    record RiskAssessed(String trigger, RiskAssessment assessment, int policyVersion, String policyContentHash,
                        int rulesVersion, Instant occurredAt) implements CreditLineEvent, DecisionEvent {
    }

    /**
     * 差异化定价: the grade, and with it the APR, changed. previousGrade/previousApr null on the first grading.
     *
     * @param reason why the price changed (schema v3, rules v3): the trigger, the score's move and that every input
     *               was fresh; null for changes decided under rules v1 and v2, which did not record it
     */
    record PricingTierChanged(String previousGrade, BigDecimal previousAprPercent, String grade, BigDecimal aprPercent,
                              int score, int policyVersion, String policyContentHash, int rulesVersion,
                              String reason, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
    }

    /** 智能预警: an early-warning flag became active. */
    record WarningRaised(String flag, Severity severity, String detail, int policyVersion, String policyContentHash,
                         int rulesVersion, Instant occurredAt) implements CreditLineEvent, DecisionEvent {
    }

    /** The flag's condition ended. */
    record WarningCleared(String flag, Severity severity, String detail, int policyVersion, String policyContentHash,
                          int rulesVersion, Instant occurredAt) implements CreditLineEvent, DecisionEvent {
    }

    /**
     * A senior risk officer cleared an active flag by hand (a decision, so it names its policy and rules). The signal
     * the flag watches stops counting for every note recorded up to now, so the flag is not raised again on the same
     * notes; a later note with the signal raises it again.
     *
     * @param signal        the note signal whose earlier occurrences no longer count
     * @param raisedBy      who raised the flag (the actor of its WarningRaised); never the same person as clearedBy
     * @param stillFrozenBy the SEVERE flags still active after the clearance: drawdowns stay frozen while any remains
     * @param explanation   what the clearance did, in words, for the customer's file and the auditor
     */
    record WarningClearedByOfficer(String flag, Severity severity, String signal, ClearanceReason reason,
                                   String comment, String clearedBy, String raisedBy, List<String> stillFrozenBy,
                                   String explanation, int policyVersion, String policyContentHash, int rulesVersion,
                                   Instant occurredAt) implements CreditLineEvent, DecisionEvent {
        public WarningClearedByOfficer {
            stillFrozenBy = List.copyOf(stillFrozenBy);
        }
    }

    /**
     * The first decision on a limit-increase request, with everything an auditor needs to review and replay it.
     *
     * @param newLimit           the limit applied (APPROVED only; null otherwise)
     * @param proposedLimit      the sized limit offered to review (APPROVED or REFERRED, when it could be sized)
     * @param reviewLevelsRequired 0 automatic, 1 risk officer, 2 risk officer then senior risk officer
     * @param rules              every rule evaluated with its result, in evaluation order
     * @param activeWarnings     the warning flags active at decision time
     * @param strategyArm        CHAMPION or CHALLENGER (stable hash of the line id)
     * @param borrowerOtherLimits the limits of the borrower's other lines the per-borrower maximum was reduced by
     */
    record IncreaseDecided(String requestId, String channel, String requestedBy, BigDecimal requestedLimit,
                           IncreaseOutcome outcome, BigDecimal oldLimit, BigDecimal newLimit, BigDecimal proposedLimit,
                           Sizing sizing, int reviewLevelsRequired, RiskAssessment assessment, List<RuleResult> rules,
                           List<String> activeWarnings, List<String> reasons, String segment, String strategyArm,
                           BigDecimal borrowerOtherLimits, int policyVersion, String policyContentHash,
                           int rulesVersion, Instant occurredAt) implements CreditLineEvent, DecisionEvent {
        public IncreaseDecided {
            rules = List.copyOf(rules);
            activeWarnings = List.copyOf(activeWarnings);
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * A human review of a referred request (多层级审核).
     *
     * @param statusAfter PENDING (another level follows), APPROVED or DECLINED
     * @param nextLevel   the level that must review next, when statusAfter is PENDING
     * @param assessment  the risk assessment at review time (inputs and their age, score, breakdown, grade, APR)
     * @param checks      every rule an approval had to pass, with the values it was checked on (empty for a decline)
     * @param overrideReason why the reviewer approved above the policy's increase band; null when not given (and in
     *                    every review recorded before rules v2)
     * @param borrowerOtherLimits what the borrower's other lines exposed at review time, the per-borrower maximum and
     *                    affordability were re-checked against (schema v3, rules v4); null for a decline, and in every
     *                    review decided under rules v1-v3, which checked against the request's recorded value
     */
    record IncreaseReviewed(String requestId, String reviewer, int level, ReviewOutcome outcome,
                            BigDecimal approvedLimit, String comment, OverrideReason overrideReason, String requestedBy,
                            IncreaseStatus statusAfter, Integer nextLevel, List<String> reasons,
                            RiskAssessment assessment, List<RuleResult> checks, BigDecimal borrowerOtherLimits,
                            int policyVersion, String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
        public IncreaseReviewed {
            reasons = List.copyOf(reasons);
            checks = List.copyOf(checks);
        }
    }

    /**
     * The limit applied to the line; cause AUTOMATIC_INCREASE or REVIEWED_INCREASE, and from rules v5
     * AUTOMATIC_DECREASE, REVIEWED_DECREASE or REFERRAL_EXPIRED ({@code requestId} then names the decrease, {@code LD-<n>}).
     */
    record CreditLimitChanged(BigDecimal oldLimit, BigDecimal newLimit, String requestId, String cause,
                              int policyVersion, String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
    }

    /**
     * 降额 (rules v5): the policy's decrease triggers held after a command's events, and a decrease was decided.
     * APPLIED: the new limit follows in the same batch ({@code CreditLimitChanged}, cause AUTOMATIC_DECREASE) and
     * increases are frozen until {@code increasesFrozenUntil}; REFERRED: it waits for review
     * ({@link LimitDecreaseReviewed}).
     *
     * @param decreaseId           {@code LD-<n>}, the line's n-th decrease decision
     * @param drawn                the drawn balance the new limit was floored at
     * @param newLimit             the limit applied (APPLIED only; null otherwise)
     * @param reviewLevelsRequired 0 applied at once, 1 or 2 review levels
     * @param triggers             every trigger that held, with what it measured and its reason code
     * @param reasons              the customer-facing reasons (AdverseActionReason codes), at most four
     * @param increasesFrozenUntil APPLIED only: until when increases are declined (the section's cooling-off)
     */
    record LimitDecreaseDecided(String decreaseId, DecreaseOutcome outcome, BigDecimal oldLimit, BigDecimal drawn,
                                BigDecimal proposedLimit, BigDecimal newLimit, int reviewLevelsRequired,
                                List<TriggerHit> triggers, List<String> reasons, Instant increasesFrozenUntil,
                                int policyVersion, String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
        public LimitDecreaseDecided {
            triggers = List.copyOf(triggers);
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * A human review of a referred decrease (rules v5), levels in order, nobody twice. On the last level's approval
     * the limit follows ({@code CreditLimitChanged}, cause REVIEWED_DECREASE).
     *
     * @param approvedLimit          the limit approved (APPROVE only): never below {@code drawn}, below the old limit
     * @param drawn                  the drawn balance at review time
     * @param increasesFrozenUntil   when applied: until when increases are declined
     * @param nextDecreaseNotBefore  when concluded (applied or declined): when a trigger may next propose a decrease
     */
    record LimitDecreaseReviewed(String decreaseId, String reviewer, int level, ReviewOutcome outcome,
                                 BigDecimal approvedLimit, BigDecimal drawn, String comment, DecreaseStatus statusAfter,
                                 Integer nextLevel, Instant increasesFrozenUntil, Instant nextDecreaseNotBefore,
                                 int policyVersion, String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
    }

    /**
     * A referred decrease whose review window ({@code decreases.referralExpiry.afterDays}) passed with a review level
     * still due (rules v5, under a policy with that field): applied without that review, at what the last level
     * approved or else the proposal, floored at the drawn balance now ({@code CreditLimitChanged}, cause
     * REFERRAL_EXPIRED, follows); LAPSED when the drawn balance leaves nothing to take. Decided by the passing of time
     * (the hourly re-evaluation) or by any fact recorded after the deadline, in that command's batch.
     *
     * @param levelAwaited         the review level that was due and did not come
     * @param afterDays            the policy's window it exceeded
     * @param newLimit             APPLIED only: the limit applied; null when LAPSED
     * @param increasesFrozenUntil APPLIED only: until when increases are declined (the section's cooling-off)
     * @param nextDecreaseNotBefore when a trigger may next propose a decrease
     */
    record LimitDecreaseReferralExpired(String decreaseId, int levelAwaited, int afterDays, BigDecimal drawn,
                                        BigDecimal newLimit, DecreaseStatus statusAfter, Instant increasesFrozenUntil,
                                        Instant nextDecreaseNotBefore, int policyVersion, String policyContentHash,
                                        int rulesVersion, Instant occurredAt) implements CreditLineEvent, DecisionEvent {
        public static final String LIMIT_CAUSE = "REFERRAL_EXPIRED";
    }

    /**
     * 客户分层 (rules v5): the line's tier (its segment) moved, and with it the increase scheme that applies to it.
     *
     * @param cause   TIERING_RULES (the policy's tiering rules, after a re-assessment) or SET_BY_HAND (operations)
     * @param reasons TIERING_RULES: the rule that held and each condition with its measured value; SET_BY_HAND: the
     *                reason given
     * @param setBy   who set it by hand; null for a move by the rules
     */
    record TierChanged(String fromTier, String toTier, String cause, List<String> reasons, String setBy,
                       int policyVersion, String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
        public static final String BY_RULES = "TIERING_RULES";
        public static final String BY_HAND = "SET_BY_HAND";

        public TierChanged {
            reasons = List.copyOf(reasons);
        }
    }

    /** The line was re-evaluated as of a business date because time passed; what changed follows in the same batch. */
    record TimeElapsed(LocalDate businessDate, Instant occurredAt) implements CreditLineEvent {
    }

    /**
     * 提额名单: the scan found the line qualifies for an increase it did not ask for, decided with the very eligibility
     * and sizing of a requested increase (the same rules, segment overrides and arm), and offers it until
     * {@code expiresOn}. An offer past that date is expired: derived from the date, never recorded (docs/policy.md).
     *
     * @param offerId      derived from the scan run and the line, so a rerun of the run cannot offer twice
     * @param businessDate the business date the scan evaluated the line as of (the run's)
     * @param reasons      why the line qualifies: the scorecard characteristics that earned it the most points
     * @param rules        every rule evaluated, as a requested increase records them
     * @param borrowerOtherLimits what the borrower's other lines exposed when the offer was sized
     */
    record IncreaseOffered(String offerId, String scanRunId, LocalDate businessDate, BigDecimal oldLimit,
                           BigDecimal offeredLimit, Sizing sizing, int score, String grade, BigDecimal aprPercent,
                           RiskAssessment assessment, List<RuleResult> rules, List<String> reasons, LocalDate expiresOn,
                           String segment, String strategyArm, BigDecimal borrowerOtherLimits, int policyVersion,
                           String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
        public IncreaseOffered {
            rules = List.copyOf(rules);
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * A live offer withdrawn by a scan because the line no longer qualifies: its facts changed (a missed payment, a
     * bureau negative, a warning...).
     *
     * @param reasons principal reasons from the closed set {@code AdverseActionReason}, ranked, the first the main one
     * @param detail  the rules that failed, in words, for the file
     */
    record IncreaseOfferWithdrawn(String offerId, String scanRunId, LocalDate businessDate, List<String> reasons,
                                  String detail, BigDecimal borrowerOtherLimits, int policyVersion,
                                  String policyContentHash, int rulesVersion, Instant occurredAt)
            implements CreditLineEvent, DecisionEvent {
        public IncreaseOfferWithdrawn {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The borrower accepted an offer: the increase request that follows in the same batch ({@link IncreaseDecided})
     * honours the offer when nothing material changed since it was made, and is decided afresh otherwise.
     *
     * @param honoured        true: approved at the offered limit on the offer's own evaluation
     * @param materialChanges what changed since the offer (event types, POLICY_VERSION, BORROWER_OTHER_LINES); empty
     *                        when honoured
     * @param explanation     which of the two, and why, in words
     */
    record IncreaseOfferAccepted(String offerId, String requestId, String channel, String requestedBy,
                                 BigDecimal borrowerOtherLimits, boolean honoured, List<String> materialChanges,
                                 String explanation, int policyVersion, String policyContentHash, int rulesVersion,
                                 Instant occurredAt) implements CreditLineEvent, DecisionEvent {
        public IncreaseOfferAccepted {
            materialChanges = List.copyOf(materialChanges);
        }
    }
}
