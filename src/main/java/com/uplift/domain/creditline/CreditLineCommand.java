package com.uplift.domain.creditline;

import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.domain.warning.ClearanceReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;

/**
 * What someone asks a credit line to do. Every command carries the instant it arrived: the domain never reads a clock.
 * Commands other than {@link OpenCreditLine} address the line through the stream they are sent to.
 */
public sealed interface CreditLineCommand {

    Instant occurredAt();

    /**
     * A fact about the line as its servicing reports it (opening, the ledger, income, assets, the bureau, notes, the
     * passing of time): recorded as it comes, with its consequences (re-assessment, pricing, warnings) after it.
     * The other commands ask for a decision: an increase, or a review of one.
     */
    sealed interface ServicingFact extends CreditLineCommand {
    }

    /**
     * @param openedOn the line's real open date (a line migrated from the origination system keeps its history);
     *                 null means the business date of {@code occurredAt}. Drives months on book.
     */
    record OpenCreditLine(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                          Currency currency, String segment, LocalDate openedOn, BigDecimal borrowerOtherLimits,
                          Instant occurredAt)
            implements ServicingFact {

        /** Without the borrower's other limits (unknown: the per-borrower cap is not checked). */
        public OpenCreditLine(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                              Currency currency, String segment, LocalDate openedOn, Instant occurredAt) {
            this(creditLineId, borrowerId, productCode, initialLimit, currency, segment, openedOn, null, occurredAt);
        }

        public OpenCreditLine withBorrowerOtherLimits(BigDecimal others) {
            return new OpenCreditLine(creditLineId, borrowerId, productCode, initialLimit, currency, segment, openedOn,
                    others, occurredAt);
        }

        /** The original contract, without an open date: the line opens on the date of {@code occurredAt}. */
        public OpenCreditLine(String creditLineId, String borrowerId, String productCode, BigDecimal initialLimit,
                              Currency currency, String segment, Instant occurredAt) {
            this(creditLineId, borrowerId, productCode, initialLimit, currency, segment, null, occurredAt);
        }
    }

    /** The borrower draws on the line. */
    record RecordDrawdown(BigDecimal amount, Instant occurredAt) implements ServicingFact {
    }

    /** The servicing system reports a repayment of the instalment due on {@code dueDate}, paid on {@code paidOn}. */
    record RecordRepayment(BigDecimal amount, LocalDate dueDate, LocalDate paidOn, Instant occurredAt)
            implements ServicingFact {
    }

    /** The servicing system reports that the instalment due on {@code dueDate} was not paid. */
    record RecordMissedPayment(LocalDate dueDate, BigDecimal amountDue, Instant occurredAt) implements ServicingFact {
    }

    /** The servicing system's days past due as of a date; 0 means the line is current again. */
    record ReportDelinquency(int daysPastDue, LocalDate asOf, Instant occurredAt) implements ServicingFact {
    }

    /** A verified monthly income for one month (收入稳定性). */
    record VerifyIncome(BigDecimal monthlyIncome, IncomeSource source, YearMonth period, Instant occurredAt)
            implements ServicingFact {
    }

    /**
     * A change in the borrower's assets (资产变化).
     *
     * @param changedOn the business date of the change; null means the business date of {@code occurredAt}
     */
    record ReportAssetChange(AssetKind kind, AssetDirection direction, BigDecimal estimatedValue, LocalDate changedOn,
                             Instant occurredAt) implements ServicingFact {

        /** A change dated the day it is reported. */
        public ReportAssetChange(AssetKind kind, AssetDirection direction, BigDecimal estimatedValue, Instant occurredAt) {
            this(kind, direction, estimatedValue, null, occurredAt);
        }
    }

    /** A credit-bureau report (征信); any negative record is a knock-out. */
    record ReceiveBureauReport(String bureau, String reportId, int score, List<String> negativeRecords,
                               Instant pulledAt, Instant occurredAt) implements ServicingFact {
    }

    /**
     * The lender writes the line off (charges it off): it has concluded that {@code amount} will not be repaid, as of
     * the business date {@code writtenOffOn}. A bad record for good, and the line lends no more (drawdowns refused).
     */
    record RecordWriteOff(BigDecimal amount, LocalDate writtenOffOn, Instant occurredAt) implements ServicingFact {
    }

    /** Free text from customer service, in Chinese or English; risk signals are extracted from it. */
    record RecordServiceNote(String text, String channel, Instant occurredAt) implements ServicingFact {
    }

    /** 提额: the borrower (or an agent on their behalf) asks for a higher limit; requestedLimit null = "as much as allowed". */
    /**
     * @param borrowerOtherLimits the sum of the limits of the borrower's other lines, as the service knew them (null:
     *                            unknown, e.g. a replay of a decision made before this was recorded): the product
     *                            maximum is a cap per borrower, so it shrinks by this amount
     */
    record RequestLimitIncrease(String requestId, BigDecimal requestedLimit, String channel, String requestedBy,
                                BigDecimal borrowerOtherLimits, Instant occurredAt) implements CreditLineCommand {

        public RequestLimitIncrease(String requestId, BigDecimal requestedLimit, String channel, String requestedBy,
                                    Instant occurredAt) {
            this(requestId, requestedLimit, channel, requestedBy, null, occurredAt);
        }

        public RequestLimitIncrease withBorrowerOtherLimits(BigDecimal others) {
            return new RequestLimitIncrease(requestId, requestedLimit, channel, requestedBy, others, occurredAt);
        }
    }

    /**
     * A reviewer's verdict on a referred request at a review level (1 risk officer, 2 senior risk officer).
     * approvedLimit null on APPROVE means the proposed limit. overrideReason: why an approval goes above the policy's
     * increase band (only the top level approves there; a lower level may recommend it); null when none is given.
     * borrowerOtherLimits: what the borrower's other lines expose at review time (limits, or pending proposed limits
     * where higher), as the service read it from the borrower's exposure stream; rules v4 re-check the per-borrower
     * maximum and affordability against it. Null: unknown (the request's recorded value is used, as under v1-v3).
     */
    record ReviewIncrease(String requestId, String reviewer, int level, ReviewOutcome outcome, BigDecimal approvedLimit,
                          String comment, OverrideReason overrideReason, BigDecimal borrowerOtherLimits,
                          Instant occurredAt) implements CreditLineCommand {

        /** A review with an override reason, without the other lines at review time (unknown). */
        public ReviewIncrease(String requestId, String reviewer, int level, ReviewOutcome outcome,
                              BigDecimal approvedLimit, String comment, OverrideReason overrideReason, Instant occurredAt) {
            this(requestId, reviewer, level, outcome, approvedLimit, comment, overrideReason, null, occurredAt);
        }

        public ReviewIncrease withBorrowerOtherLimits(BigDecimal others) {
            return new ReviewIncrease(requestId, reviewer, level, outcome, approvedLimit, comment, overrideReason, others,
                    occurredAt);
        }

        /** A review without an override reason. */
        public ReviewIncrease(String requestId, String reviewer, int level, ReviewOutcome outcome,
                              BigDecimal approvedLimit, String comment, Instant occurredAt) {
            this(requestId, reviewer, level, outcome, approvedLimit, comment, null, null, occurredAt);
        }
    }

    /**
     * A senior risk officer clears an active warning flag by hand (e.g. a fraud freeze raised by a note that an
     * investigation disproved), with a reason from a closed set and a comment. Only a flag raised by a note signal can
     * be cleared so; the person who raised it may not clear it (four eyes).
     *
     * @param clearedBy the authenticated officer
     * @param raisedBy  who raised the flag: the actor of the command that recorded the WarningRaised now active (the
     *                  application reads it from the event's metadata, which the decider does not see); null until
     *                  the application has added it
     */
    record ClearWarning(String flag, ClearanceReason reason, String comment, String clearedBy, String raisedBy,
                        Instant occurredAt) implements CreditLineCommand {

        public ClearWarning withRaisedBy(String raiser) {
            return new ClearWarning(flag, reason, comment, clearedBy, raiser, occurredAt);
        }
    }

    /**
     * Time has passed: re-evaluate what depends on the date alone (days past due that age, inputs that go stale,
     * windows that close). Appends nothing when nothing changed; otherwise a {@code TimeElapsed} fact and its
     * consequences (re-assessment, pricing tier, warnings). The servicing schedule sends it; the domain reads no clock.
     */
    record ReassessOverTime(Instant occurredAt) implements ServicingFact {
    }

    /**
     * A reviewer's verdict on a referred decrease (rules v5), at a review level (1 risk officer, 2 senior risk officer).
     * approvedLimit null on APPROVE means what the previous level approved, else the proposal; whatever is named, the
     * limit applied is never below the drawn balance at review time.
     */
    record ReviewDecrease(String decreaseId, String reviewer, int level, ReviewOutcome outcome, BigDecimal approvedLimit,
                          String comment, Instant occurredAt) implements CreditLineCommand {
    }

    /**
     * Operations set the line's tier by hand (rules v5), with a reason; the tiering rules leave it there for the
     * policy's {@code tiering.manualHoldDays}.
     */
    record SetTier(String tier, String reason, String setBy, Instant occurredAt) implements CreditLineCommand {
    }

    /**
     * 提额名单: the offer scan evaluates the line as of the run's business date. The offer id derives from the run and
     * the line, and a line the run already offered to (or withdrew from) gets nothing more: a rerun offers nothing twice.
     *
     * @param borrowerOtherLimits what the borrower's other lines expose, as the service read it (null: unknown)
     */
    record ScanForOffer(String scanRunId, LocalDate businessDate, BigDecimal borrowerOtherLimits, Instant occurredAt)
            implements CreditLineCommand {

        public ScanForOffer(String scanRunId, LocalDate businessDate, Instant occurredAt) {
            this(scanRunId, businessDate, null, occurredAt);
        }

        public ScanForOffer withBorrowerOtherLimits(BigDecimal others) {
            return new ScanForOffer(scanRunId, businessDate, others, occurredAt);
        }
    }

    /** The borrower (through a channel) accepts a live offer: an increase request that honours it or is decided afresh. */
    record AcceptIncreaseOffer(String offerId, String requestId, String channel, String requestedBy,
                               BigDecimal borrowerOtherLimits, Instant occurredAt) implements CreditLineCommand {

        public AcceptIncreaseOffer(String offerId, String requestId, String channel, String requestedBy, Instant occurredAt) {
            this(offerId, requestId, channel, requestedBy, null, occurredAt);
        }

        public AcceptIncreaseOffer withBorrowerOtherLimits(BigDecimal others) {
            return new AcceptIncreaseOffer(offerId, requestId, channel, requestedBy, others, occurredAt);
        }
    }
}
