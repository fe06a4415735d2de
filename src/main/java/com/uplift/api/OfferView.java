package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.Money;
import com.uplift.domain.creditline.OfferStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One offer of the increase list (提额名单) on a line, as the channel shows it to the borrower. */
public record OfferView(String offerId,
                        @Schema(description = "LIVE (can be accepted), EXPIRED (past expiresOn), WITHDRAWN or ACCEPTED")
                        OfferStatus status,
                        BigDecimal oldLimit, BigDecimal offeredLimit, int score, String grade, BigDecimal aprPercent,
                        @Schema(description = "why the line qualifies: the scorecard characteristics that earned most")
                        List<String> reasons,
                        LocalDate offeredOn,
                        @Schema(description = "the last business date (Asia/Shanghai) the offer can be accepted on")
                        LocalDate expiresOn,
                        @Schema(nullable = true, description = "why it was withdrawn (principal reasons), when WITHDRAWN")
                        List<String> withdrawalReasons,
                        @Schema(nullable = true) List<ReasonTexts.ReasonText> withdrawalReasonTexts,
                        @Schema(nullable = true, description = "the increase request the acceptance made, when ACCEPTED")
                        String requestId,
                        @Schema(nullable = true, description = "whether the acceptance honoured the offer, when ACCEPTED")
                        Boolean honoured,
                        String scanRunId, int policyVersion) {

    /** The line's offers, newest first, their status on the given business date. */
    static List<OfferView> of(List<CreditLineEvent> events, LocalDate today, Locale language) {
        Map<String, OfferView> offers = new LinkedHashMap<>();
        String currency = null;
        for (CreditLineEvent event : events) {
            switch (event) {
                case CreditLineEvent.CreditLineOpened e -> currency = e.currency();
                case IncreaseOffered e -> offers.put(e.offerId(), new OfferView(e.offerId(),
                        today.isAfter(e.expiresOn()) ? OfferStatus.EXPIRED : OfferStatus.LIVE,
                        Money.inCurrency(currency, e.oldLimit()), Money.inCurrency(currency, e.offeredLimit()), e.score(), e.grade(), e.aprPercent(), e.reasons(), e.businessDate(),
                        e.expiresOn(), null, null, null, null, e.scanRunId(), e.policyVersion()));
                case IncreaseOfferWithdrawn e -> offers.computeIfPresent(e.offerId(), (id, o) -> new OfferView(id,
                        OfferStatus.WITHDRAWN, o.oldLimit, o.offeredLimit, o.score, o.grade, o.aprPercent, o.reasons,
                        o.offeredOn, o.expiresOn, e.reasons(), ReasonTexts.texts(e.reasons(), language), null, null,
                        o.scanRunId, o.policyVersion));
                case IncreaseOfferAccepted e -> offers.computeIfPresent(e.offerId(), (id, o) -> new OfferView(id,
                        OfferStatus.ACCEPTED, o.oldLimit, o.offeredLimit, o.score, o.grade, o.aprPercent, o.reasons,
                        o.offeredOn, o.expiresOn, null, null, e.requestId(), e.honoured(), o.scanRunId, o.policyVersion));
                default -> {
                }
            }
        }
        List<OfferView> newestFirst = new ArrayList<>(offers.values());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
