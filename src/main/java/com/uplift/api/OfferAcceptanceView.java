package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer to an accepted offer: whether it was honoured or decided afresh, why, and the decision itself. */
public record OfferAcceptanceView(String offerId,
                                  @Schema(description = "true: approved at the offered limit on the offer's own evaluation;"
                                          + " false: decided afresh because something material changed")
                                  boolean honoured,
                                  @Schema(description = "what changed since the offer (event types, POLICY_VERSION,"
                                          + " BORROWER_OTHER_LINES); empty when honoured")
                                  List<String> materialChanges,
                                  String explanation,
                                  IncreaseDecisionView decision) {

    static OfferAcceptanceView of(IncreaseOfferAccepted accepted, IncreaseDecisionView decision) {
        return new OfferAcceptanceView(accepted.offerId(), accepted.honoured(), accepted.materialChanges(),
                accepted.explanation(), decision);
    }
}
