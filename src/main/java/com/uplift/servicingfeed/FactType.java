package com.uplift.servicingfeed;

import com.uplift.api.CommandRequests;

/**
 * The kinds of servicing fact a message may carry, each with the REST body it shares its fields and validation with.
 * A write-off is not among them: it is the lender's own decision, taken by operations over HTTP.
 */
public enum FactType {
    REPAYMENT(CommandRequests.Repayment.class),
    MISSED_PAYMENT(CommandRequests.MissedPayment.class),
    DELINQUENCY_REPORT(CommandRequests.DelinquencyReport.class),
    DRAWDOWN(CommandRequests.Drawdown.class),
    INCOME_VERIFICATION(CommandRequests.IncomeVerification.class),
    ASSET_CHANGE(CommandRequests.AssetChange.class),
    BUREAU_REPORT(CommandRequests.BureauReport.class),
    SERVICE_NOTE(CommandRequests.ServiceNote.class);

    private final Class<? extends CommandRequests.ServicingFact> body;

    FactType(Class<? extends CommandRequests.ServicingFact> body) {
        this.body = body;
    }

    Class<? extends CommandRequests.ServicingFact> body() {
        return body;
    }
}
