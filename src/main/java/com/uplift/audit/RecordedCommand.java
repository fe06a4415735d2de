package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineEvent;

import java.util.Currency;
import java.util.Optional;

/**
 * The command a batch answered, rebuilt from the batch's first event: each command's own fact carries every field
 * of the command (that is a design rule of the events; the approval tests freeze it). Consequences (assessments,
 * pricing, warnings, limit changes) never open a batch, so they map to nothing.
 */
public final class RecordedCommand {

    private RecordedCommand() {
    }

    public static Optional<CreditLineCommand> of(CreditLineEvent first) {
        return Optional.ofNullable(switch (first) {
            case CreditLineEvent.CreditLineOpened e -> new CreditLineCommand.OpenCreditLine(e.creditLineId(), e.borrowerId(),
                    e.productCode(), e.initialLimit(), e.currency() == null ? null : Currency.getInstance(e.currency()),
                    e.segment(), e.openedOn(), e.borrowerOtherLimits(), e.occurredAt());
            case CreditLineEvent.DrawdownRecorded e -> new CreditLineCommand.RecordDrawdown(e.amount(), e.occurredAt());
            case CreditLineEvent.RepaymentRecorded e -> new CreditLineCommand.RecordRepayment(e.amount(), e.dueDate(),
                    e.paidOn(), e.occurredAt());
            case CreditLineEvent.PaymentMissed e -> new CreditLineCommand.RecordMissedPayment(e.dueDate(), e.amountDue(),
                    e.occurredAt());
            case CreditLineEvent.DelinquencyReported e -> new CreditLineCommand.ReportDelinquency(e.daysPastDue(), e.asOf(),
                    e.occurredAt());
            case CreditLineEvent.IncomeVerified e -> new CreditLineCommand.VerifyIncome(e.monthlyIncome(), e.source(),
                    e.period(), e.occurredAt());
            case CreditLineEvent.AssetChangeReported e -> new CreditLineCommand.ReportAssetChange(e.kind(), e.direction(),
                    e.estimatedValue(), e.changedOn(), e.occurredAt());
            case CreditLineEvent.BureauReportReceived e -> new CreditLineCommand.ReceiveBureauReport(e.bureau(), e.reportId(),
                    e.score(), e.negativeRecords(), e.pulledAt(), e.occurredAt());
            case CreditLineEvent.ServiceNoteRecorded e -> new CreditLineCommand.RecordServiceNote(e.text(), e.channel(),
                    e.occurredAt());
            case CreditLineEvent.IncreaseDecided e -> new CreditLineCommand.RequestLimitIncrease(e.requestId(),
                    e.requestedLimit(), e.channel(), e.requestedBy(), e.borrowerOtherLimits(), e.occurredAt());
            case CreditLineEvent.IncreaseReviewed e -> new CreditLineCommand.ReviewIncrease(e.requestId(), e.reviewer(),
                    e.level(), e.outcome(), e.approvedLimit(), e.comment(), e.overrideReason(), e.borrowerOtherLimits(),
                    e.occurredAt());
            case CreditLineEvent.TimeElapsed e -> new CreditLineCommand.ReassessOverTime(e.occurredAt());
            case CreditLineEvent.WarningClearedByOfficer e -> new CreditLineCommand.ClearWarning(e.flag(), e.reason(),
                    e.comment(), e.clearedBy(), e.raisedBy(), e.occurredAt());
            case CreditLineEvent.WriteOffRecorded e -> new CreditLineCommand.RecordWriteOff(e.amount(), e.writtenOffOn(),
                    e.occurredAt());
            case CreditLineEvent.LimitDecreaseReviewed e -> new CreditLineCommand.ReviewDecrease(e.decreaseId(),
                    e.reviewer(), e.level(), e.outcome(), e.approvedLimit(), e.comment(), e.occurredAt());
            // a tier set by hand opens its batch; a move by the tiering rules is a consequence of another command
            case CreditLineEvent.TierChanged e -> CreditLineEvent.TierChanged.BY_HAND.equals(e.cause())
                    ? new CreditLineCommand.SetTier(e.toTier(), e.reasons().getFirst(), e.setBy(), e.occurredAt())
                    : null;
            case CreditLineEvent.LimitDecreaseDecided e -> null;
            // the passing of a review window is a consequence of the command (often the re-evaluation) it came in
            case CreditLineEvent.LimitDecreaseReferralExpired e -> null;
            // 提额名单 (rules v5): a scan's offer or withdrawal, and an acceptance, each open their command's batch
            case CreditLineEvent.IncreaseOffered e -> new CreditLineCommand.ScanForOffer(e.scanRunId(), e.businessDate(),
                    e.borrowerOtherLimits(), e.occurredAt());
            case CreditLineEvent.IncreaseOfferWithdrawn e -> new CreditLineCommand.ScanForOffer(e.scanRunId(),
                    e.businessDate(), e.borrowerOtherLimits(), e.occurredAt());
            case CreditLineEvent.IncreaseOfferAccepted e -> new CreditLineCommand.AcceptIncreaseOffer(e.offerId(),
                    e.requestId(), e.channel(), e.requestedBy(), e.borrowerOtherLimits(), e.occurredAt());
            case CreditLineEvent.DelinquencyCured e -> null;
            case CreditLineEvent.RiskAssessed e -> null;
            case CreditLineEvent.PricingTierChanged e -> null;
            case CreditLineEvent.WarningRaised e -> null;
            case CreditLineEvent.WarningCleared e -> null;
            case CreditLineEvent.CreditLimitChanged e -> null;
        });
    }
}
