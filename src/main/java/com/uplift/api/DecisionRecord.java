package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A limit-increase request's whole record: the decision with its full explanation (inputs and their age, score and
 * breakdown, every rule evaluated, sizing, reasons, policy version and hash) and every review that followed.
 */
public record DecisionRecord(String requestId, IncreaseStatus status, IncreaseDecided decision,
                             List<IncreaseReviewed> reviews,
                             @Schema(description = "the decision's reasons (decision.reasons), each with its text for the"
                                     + " customer in the language Accept-Language chooses (zh-CN unless English is preferred)")
                             List<ReasonTexts.ReasonText> reasonTexts,
                             @Schema(description = "the reasons of the last review (a decline at a level), each with its"
                                     + " text for the customer; empty before any review or when the last review approved")
                             List<ReasonTexts.ReasonText> reviewReasonTexts) {

    /** The records in the customer's language (the texts of the reasons only: codes and explanations stay as stored). */
    static List<DecisionRecord> from(List<CreditLineEvent> events, Locale language) {
        Map<String, IncreaseDecided> decisions = new LinkedHashMap<>();
        Map<String, List<IncreaseReviewed>> reviews = new LinkedHashMap<>();
        for (CreditLineEvent event : events) {
            if (event instanceof IncreaseDecided d) {
                decisions.put(d.requestId(), d);
            } else if (event instanceof IncreaseReviewed r) {
                reviews.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<DecisionRecord> records = new ArrayList<>();
        decisions.forEach((requestId, decision) -> {
            List<IncreaseReviewed> its = reviews.getOrDefault(requestId, List.of());
            records.add(new DecisionRecord(requestId, status(decision, its), decision, List.copyOf(its),
                    ReasonTexts.texts(decision.reasons(), language),
                    its.isEmpty() ? List.of() : ReasonTexts.texts(its.getLast().reasons(), language)));
        });
        return records;
    }

    private static IncreaseStatus status(IncreaseDecided decision, List<IncreaseReviewed> reviews) {
        if (!reviews.isEmpty()) {
            return reviews.getLast().statusAfter();
        }
        return switch (decision.outcome()) {
            case APPROVED -> IncreaseStatus.APPROVED;
            case DECLINED -> IncreaseStatus.DECLINED;
            case REFERRED -> IncreaseStatus.PENDING;
        };
    }
}
