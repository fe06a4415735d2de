package com.uplift.domain.creditline;

import com.uplift.domain.creditline.CreditLineEvent.AssetChangeReported;
import com.uplift.domain.creditline.CreditLineEvent.BureauReportReceived;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.IncomeVerified;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.TimeElapsed;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;

/**
 * What counts as a material change for an offer: a fact recorded after it that feeds what the offer was decided on
 * (the score's inputs, the knock-outs, the warnings, the limit and its sizing). An acceptance after a material change
 * is decided afresh; after none, the offer is honoured (docs/policy.md, "The increase list").
 * <p>
 * Not material: time passing alone (an input going stale within the offer's life is what the expiry bounds), the
 * re-assessments and price moves that only follow other events, a repayment on time (it lowers the drawn amount and
 * keeps the record clean), a cure, a warning that ends, a delinquency report of 0 days, a note without risk signals,
 * and the offer events themselves. Everything else is: a drawdown, a late repayment, a missed payment, days past due,
 * a new income month, an asset change, a bureau report, a note with a risk signal, a write-off, a warning raised, an
 * increase decided or reviewed, a limit changed, a limit decrease decided or reviewed, a tier moved.
 */
final class OfferMateriality {

    private OfferMateriality() {
    }

    static boolean isMaterial(CreditLineEvent event) {
        return switch (event) {
            case TimeElapsed e -> false;
            case RiskAssessed e -> false;
            case PricingTierChanged e -> false;
            case DelinquencyCured e -> false;
            case WarningCleared e -> false;
            case WarningClearedByOfficer e -> false;
            case IncreaseOffered e -> false;
            case IncreaseOfferWithdrawn e -> false;
            case IncreaseOfferAccepted e -> false;
            case RepaymentRecorded e -> e.daysLate() > 0;
            case DelinquencyReported e -> e.daysPastDue() > 0;
            case ServiceNoteRecorded e -> !e.signals().isEmpty();
            case CreditLineOpened e -> true;
            case DrawdownRecorded e -> true;
            case PaymentMissed e -> true;
            case IncomeVerified e -> true;
            case AssetChangeReported e -> true;
            case BureauReportReceived e -> true;
            case WriteOffRecorded e -> true;
            case WarningRaised e -> true;
            case IncreaseDecided e -> true;
            case IncreaseReviewed e -> true;
            case CreditLimitChanged e -> true;
            // rules v5: a decrease decided or reviewed (it freezes increases), a tier moved (another increase scheme)
            case LimitDecreaseDecided e -> true;
            case LimitDecreaseReviewed e -> true;
            case CreditLineEvent.LimitDecreaseReferralExpired e -> true;
            case TierChanged e -> true;
        };
    }
}
