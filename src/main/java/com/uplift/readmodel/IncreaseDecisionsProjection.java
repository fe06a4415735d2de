package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.eventstore.CanonicalJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every limit-increase request with its current status: the review queue and the portfolio's decision rates. */
@ApplicationScoped
public class IncreaseDecisionsProjection implements Projection.PerBatch {

    public static final String NAME = "increase-decisions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends CreditLineEvent>> eventTypes() {
        return Set.of(IncreaseDecided.class, IncreaseReviewed.class);
    }

    @Override
    public Uni<Void> apply(int generation, List<Applied> batch) {
        List<String> reviewed = batch.stream().filter(a -> a.event() instanceof IncreaseReviewed)
                .map(a -> key(generation, ((IncreaseReviewed) a.event()).requestId())).distinct().toList();
        Uni<List<IncreaseDecisionRow>> existing = reviewed.isEmpty() ? Uni.createFrom().item(List.of())
                : IncreaseDecisionRow.list("id in ?1", reviewed);
        return existing.chain(found -> {
            Map<String, IncreaseDecisionRow> rows = new HashMap<>();
            found.forEach(row -> rows.put(row.requestId, row));
            List<IncreaseDecisionRow> created = new ArrayList<>();
            for (Applied applied : batch) {
                switch (applied.event()) {
                    case IncreaseDecided e -> {
                        IncreaseDecisionRow row = decided(generation, applied, e);
                        rows.put(e.requestId(), row);
                        created.add(row);
                    }
                    case IncreaseReviewed e -> {
                        IncreaseDecisionRow row = rows.get(e.requestId());
                        if (row == null) {
                            throw new IllegalStateException("review of unknown request " + e.requestId());
                        }
                        row.reviewed(e.statusAfter().name(), e.nextLevel(), e.statusAfter() != IncreaseStatus.APPROVED ? null
                                : e.approvedLimit() != null ? e.approvedLimit() : row.proposedLimit, applied.recorded().recordedAt());
                    }
                    default -> throw new IllegalArgumentException("not an increase event: " + applied.event());
                }
            }
            return created.isEmpty() ? Uni.createFrom().voidItem()
                    : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
        });
    }

    private static IncreaseDecisionRow decided(int generation, Applied applied, IncreaseDecided e) {
        IncreaseDecisionRow row = new IncreaseDecisionRow();
        row.id = key(generation, e.requestId());
        row.generation = generation;
        row.requestId = e.requestId();
        row.creditLineId = applied.creditLineId();
        row.segment = e.segment();
        row.grade = e.assessment() == null ? null : e.assessment().grade();
        row.score = e.assessment() == null ? null : e.assessment().score();
        row.strategyArm = e.strategyArm();
        row.policyVersion = e.policyVersion();
        row.outcome = e.outcome().name();
        row.status = switch (e.outcome()) {
            case APPROVED -> "APPROVED";
            case DECLINED -> "DECLINED";
            case REFERRED -> "PENDING";
        };
        row.reviewLevel = row.status.equals(DecisionRow.PENDING) ? 1 : null;
        row.requestedBy = e.requestedBy();
        row.channel = e.channel();
        row.oldLimit = e.oldLimit();
        row.proposedLimit = e.proposedLimit();
        row.newLimit = e.newLimit();
        row.reasons = String.join(",", e.reasons());
        // the decision as this service reads it (upcast to the current shape), so that queries can read it back typed
        row.explanation = CanonicalJson.write(CanonicalJson.toTree(e));
        row.decidedAt = applied.recorded().recordedAt();
        row.updatedAt = row.decidedAt;
        return row;
    }

    private static String key(int generation, String requestId) {
        return generation + ":" + requestId;
    }

    @Override
    public Uni<Void> drop(int generation) {
        return IncreaseDecisionRow.delete("generation", generation).replaceWithVoid();
    }
}
