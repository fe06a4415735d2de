package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.OfferStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** 提额名单: every offer the scans made, with where it stands, for operations' list of offers. */
@ApplicationScoped
public class OffersProjection implements Projection.PerBatch {

    public static final String NAME = "increase-offers";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends CreditLineEvent>> eventTypes() {
        return Set.of(IncreaseOffered.class, IncreaseOfferWithdrawn.class, IncreaseOfferAccepted.class);
    }

    @Override
    public Uni<Void> apply(int generation, List<Applied> batch) {
        List<String> closed = batch.stream().map(Applied::event).map(OffersProjection::closedOffer)
                .filter(java.util.Objects::nonNull).map(offerId -> key(generation, offerId)).distinct().toList();
        Uni<List<OfferRow>> existing = closed.isEmpty() ? Uni.createFrom().item(List.of()) : OfferRow.list("id in ?1", closed);
        return existing.chain(found -> {
            Map<String, OfferRow> rows = new HashMap<>();
            found.forEach(row -> rows.put(row.offerId, row));
            List<OfferRow> created = new ArrayList<>();
            for (Applied applied : batch) {
                switch (applied.event()) {
                    case IncreaseOffered e -> {
                        OfferRow row = offered(generation, applied, e);
                        rows.put(e.offerId(), row);
                        created.add(row);
                    }
                    case IncreaseOfferWithdrawn e -> {
                        OfferRow row = known(rows, e.offerId(), applied);
                        row.status = OfferStatus.WITHDRAWN.name();
                        row.withdrawalReasons = String.join(",", e.reasons());
                        row.closedAt = applied.recorded().recordedAt();
                    }
                    case IncreaseOfferAccepted e -> {
                        OfferRow row = known(rows, e.offerId(), applied);
                        row.status = OfferStatus.ACCEPTED.name();
                        row.requestId = e.requestId();
                        row.honoured = e.honoured();
                        row.closedAt = applied.recorded().recordedAt();
                    }
                    default -> throw new IllegalArgumentException("not an offer event: " + applied.event());
                }
            }
            return created.isEmpty() ? Uni.createFrom().voidItem()
                    : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
        });
    }

    private static String closedOffer(CreditLineEvent event) {
        return switch (event) {
            case IncreaseOfferWithdrawn e -> e.offerId();
            case IncreaseOfferAccepted e -> e.offerId();
            default -> null;
        };
    }

    private static OfferRow known(Map<String, OfferRow> rows, String offerId, Applied applied) {
        OfferRow row = rows.get(offerId);
        if (row == null) {
            throw new IllegalStateException("offer " + offerId + " closed on line " + applied.creditLineId() + " but never made");
        }
        return row;
    }

    private static String key(int generation, String offerId) {
        return generation + ":" + offerId;
    }

    private static OfferRow offered(int generation, Applied applied, IncreaseOffered e) {
        OfferRow row = new OfferRow();
        row.id = key(generation, e.offerId());
        row.generation = generation;
        row.offerId = e.offerId();
        row.creditLineId = applied.creditLineId();
        row.segment = e.segment() == null ? "" : e.segment();
        row.strategyArm = e.strategyArm();
        row.grade = e.grade();
        row.score = e.score();
        row.aprPercent = e.aprPercent();
        row.oldLimit = e.oldLimit();
        row.offeredLimit = e.offeredLimit();
        row.businessDate = e.businessDate();
        row.expiresOn = e.expiresOn();
        row.status = OfferStatus.LIVE.name();
        row.reasons = String.join(",", e.reasons());
        row.scanRunId = e.scanRunId();
        row.policyVersion = e.policyVersion();
        row.offeredAt = applied.recorded().recordedAt();
        return row;
    }

    @Override
    public Uni<Void> drop(int generation) {
        return OfferRow.delete("generation", generation).replaceWithVoid();
    }
}
