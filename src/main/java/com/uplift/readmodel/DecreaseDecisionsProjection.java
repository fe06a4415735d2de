package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReferralExpired;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.decrease.DecreaseOutcome;
import com.uplift.domain.decrease.DecreaseStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every limit decrease decision with its current status: a referred one waits in the review queue beside the
 * increase referrals, at the level that must review it next, until the last level applies or declines it.
 */
@ApplicationScoped
public class DecreaseDecisionsProjection implements Projection.PerBatch {

    public static final String NAME = "decrease-decisions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends CreditLineEvent>> eventTypes() {
        return Set.of(LimitDecreaseDecided.class, LimitDecreaseReviewed.class, LimitDecreaseReferralExpired.class);
    }

    @Override
    public Uni<Void> apply(int generation, List<Applied> batch) {
        List<String> concluded = batch.stream().filter(a -> !(a.event() instanceof LimitDecreaseDecided))
                .map(a -> key(generation, a.creditLineId(), decreaseId(a.event()))).distinct().toList();
        Uni<List<DecreaseDecisionRow>> existing = concluded.isEmpty() ? Uni.createFrom().item(List.of())
                : DecreaseDecisionRow.list("id in ?1", concluded);
        return existing.chain(found -> {
            Map<String, DecreaseDecisionRow> rows = new HashMap<>();
            found.forEach(row -> rows.put(row.id, row));
            List<DecreaseDecisionRow> created = new ArrayList<>();
            for (Applied applied : batch) {
                String id = key(generation, applied.creditLineId(), decreaseId(applied.event()));
                switch (applied.event()) {
                    case LimitDecreaseDecided e -> {
                        DecreaseDecisionRow row = decided(id, generation, applied, e);
                        rows.put(id, row);
                        created.add(row);
                    }
                    case LimitDecreaseReviewed e -> {
                        DecreaseDecisionRow row = known(rows, id);
                        row.reviewed(e.statusAfter().name(), e.nextLevel(),
                                e.statusAfter() == DecreaseStatus.APPLIED ? e.approvedLimit() : null, applied.recorded().recordedAt());
                    }
                    case LimitDecreaseReferralExpired e -> {
                        DecreaseDecisionRow row = known(rows, id);
                        // concluded without the review still due: applied at the limit it names, or lapsed
                        row.reviewed(e.statusAfter().name(), null, e.newLimit(), applied.recorded().recordedAt());
                    }
                    default -> throw new IllegalArgumentException("not a decrease event: " + applied.event());
                }
            }
            return created.isEmpty() ? Uni.createFrom().voidItem()
                    : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
        });
    }

    private static DecreaseDecisionRow known(Map<String, DecreaseDecisionRow> rows, String id) {
        DecreaseDecisionRow row = rows.get(id);
        if (row == null) {
            throw new IllegalStateException("review of unknown decrease " + id);
        }
        return row;
    }

    private static DecreaseDecisionRow decided(String id, int generation, Applied applied, LimitDecreaseDecided e) {
        DecreaseDecisionRow row = new DecreaseDecisionRow();
        row.id = id;
        row.generation = generation;
        row.decreaseId = e.decreaseId();
        row.creditLineId = applied.creditLineId();
        row.policyVersion = e.policyVersion();
        row.outcome = e.outcome().name();
        row.status = e.outcome() == DecreaseOutcome.REFERRED ? DecreaseStatus.PENDING.name() : DecreaseStatus.APPLIED.name();
        row.reviewLevel = e.outcome() == DecreaseOutcome.REFERRED ? 1 : null;
        row.reviewLevelsRequired = e.reviewLevelsRequired();
        row.oldLimit = e.oldLimit();
        row.drawn = e.drawn();
        row.proposedLimit = e.proposedLimit();
        row.newLimit = e.newLimit();
        row.reasons = String.join(",", e.reasons());
        row.decidedAt = applied.recorded().recordedAt();
        row.updatedAt = row.decidedAt;
        return row;
    }

    private static String decreaseId(CreditLineEvent event) {
        return switch (event) {
            case LimitDecreaseDecided e -> e.decreaseId();
            case LimitDecreaseReviewed e -> e.decreaseId();
            case LimitDecreaseReferralExpired e -> e.decreaseId();
            default -> throw new IllegalArgumentException("not a decrease event: " + event);
        };
    }

    private static String key(int generation, String creditLineId, String decreaseId) {
        return generation + ":" + creditLineId + ":" + decreaseId;
    }

    @Override
    public Uni<Void> drop(int generation) {
        return DecreaseDecisionRow.delete("generation", generation).replaceWithVoid();
    }
}
