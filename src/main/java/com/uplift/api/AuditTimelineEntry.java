package com.uplift.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.eventstore.RecordedEvent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of a credit line's audit timeline: who, when, through which channel, under which correlation id; for an
 * increase decision its explanation (the full payload holds every rule, input and score point), for a review the
 * reviewer and level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditTimelineEntry(long version, String position, String type, Instant occurredAt, Instant recordedAt,
                                 String actor, String channel, String correlationId, String causationId,
                                 String requestId, Decision decision, Review review, JsonNode payload, String hash) {

    /** The decision's headline; {@code payload} carries the full explanation. */
    @Schema(name = "TimelineDecision")
    public record Decision(String requestId, String outcome, List<String> reasons, int reviewLevelsRequired,
                           Integer score, String grade, String strategyArm, int policyVersion,
                           String policyContentHash) {
    }

    @Schema(name = "TimelineReview")
    public record Review(String requestId, String reviewer, int level, String outcome, String statusAfter,
                         String comment) {
    }

    @Schema(name = "AuditTimelinePage")
    public record Page(String creditLineId, List<AuditTimelineEntry> entries, Long nextFromVersion) {
    }

    static AuditTimelineEntry of(RecordedEvent e) {
        JsonNode p = e.payload();
        Decision decision = null;
        Review review = null;
        if (e.eventType().equals("IncreaseDecided")) {
            List<String> reasons = new ArrayList<>();
            p.path("reasons").forEach(r -> reasons.add(r.asText()));
            JsonNode assessment = p.path("assessment");
            decision = new Decision(p.path("requestId").asText(null), p.path("outcome").asText(null), reasons,
                    p.path("reviewLevelsRequired").asInt(), assessment.has("score") ? assessment.get("score").asInt() : null,
                    assessment.path("grade").asText(null), p.path("strategyArm").asText(null),
                    p.path("policyVersion").asInt(), p.path("policyContentHash").asText(null));
        } else if (e.eventType().equals("IncreaseReviewed")) {
            review = new Review(p.path("requestId").asText(null), p.path("reviewer").asText(null), p.path("level").asInt(),
                    p.path("outcome").asText(null), p.path("statusAfter").asText(null), p.path("comment").asText(null));
        }
        Instant occurredAt = p.hasNonNull("occurredAt") ? Instant.parse(p.get("occurredAt").asText()) : null;
        return new AuditTimelineEntry(e.streamVersion(), e.checkpoint().toString(), e.eventType(), occurredAt,
                e.recordedAt(), e.metadata().actor(), e.metadata().channel(), e.metadata().correlationId(),
                e.metadata().causationId(), e.metadata().requestId(), decision, review, p, e.hash());
    }
}
