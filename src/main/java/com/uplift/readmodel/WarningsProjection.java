package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every early-warning flag a line has had: raised, and when and why it cleared. */
@ApplicationScoped
public class WarningsProjection implements Projection.PerBatch {

    public static final String NAME = "warnings";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends CreditLineEvent>> eventTypes() {
        return Set.of(WarningRaised.class, WarningCleared.class, WarningClearedByOfficer.class);
    }

    @Override
    public Uni<Void> apply(int generation, List<Applied> batch) {
        List<String> lines = batch.stream().map(Applied::creditLineId).distinct().toList();
        return WarningRow.<WarningRow>list("generation = ?1 and creditLineId in ?2 and active = true", generation, lines)
                .chain(existing -> {
                    Map<String, WarningRow> active = new HashMap<>();
                    existing.forEach(row -> active.put(row.creditLineId + ":" + row.flag, row));
                    List<WarningRow> created = new ArrayList<>();
                    for (Applied applied : batch) {
                        String key = applied.creditLineId() + ":";
                        switch (applied.event()) {
                            case WarningRaised e -> {
                                WarningRow row = raised(generation, applied, e);
                                active.put(key + e.flag(), row);
                                created.add(row);
                            }
                            case WarningCleared e -> cleared(active.remove(key + e.flag()), applied, e.flag(), e.detail());
                            case WarningClearedByOfficer e -> cleared(active.remove(key + e.flag()), applied, e.flag(),
                                    "cleared by " + e.clearedBy() + " for " + e.reason() + ": " + e.comment());
                            default -> throw new IllegalArgumentException("not a warning event: " + applied.event());
                        }
                    }
                    return created.isEmpty() ? Uni.createFrom().voidItem()
                            : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
                });
    }

    private static void cleared(WarningRow row, Applied applied, String flag, String detail) {
        if (row == null) {
            throw new IllegalStateException("warning " + flag + " cleared on line " + applied.creditLineId()
                    + " but never raised");
        }
        row.active = false;
        row.clearedAt = applied.recorded().recordedAt();
        row.clearDetail = detail;
    }

    private static WarningRow raised(int generation, Applied applied, WarningRaised e) {
        WarningRow row = new WarningRow();
        row.id = generation + ":" + applied.creditLineId() + ":" + e.flag() + ":" + applied.recorded().streamVersion();
        row.generation = generation;
        row.creditLineId = applied.creditLineId();
        row.flag = e.flag();
        row.severity = e.severity().name();
        row.detail = e.detail();
        row.active = true;
        row.raisedAt = applied.recorded().recordedAt();
        return row;
    }

    @Override
    public Uni<Void> drop(int generation) {
        return WarningRow.delete("generation", generation).replaceWithVoid();
    }
}
