package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.domain.policy.Severity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row per credit line: limit, drawn, available, utilization, score, grade, APR, days past due, status and the
 * number of active warnings. Reads every credit-line event, so {@code eventsApplied} equals the stream version.
 */
@ApplicationScoped
public class CreditLinesProjection implements Projection {

    public static final String NAME = "credit-lines";

    private final ZoneId businessZone;

    /** The status of a written-off line (see {@code WriteOffRecorded}). */
    static final String WRITTEN_OFF = "WRITTEN_OFF";

    public CreditLinesProjection(@ConfigProperty(name = "uplift.business-zone", defaultValue = "Asia/Shanghai") ZoneId businessZone) {
        this.businessZone = businessZone;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<Class<? extends CreditLineEvent>> eventTypes() {
        Set<Class<? extends CreditLineEvent>> all = new HashSet<>();
        for (Class<?> type : CreditLineEvent.class.getPermittedSubclasses()) {
            all.add((Class<? extends CreditLineEvent>) type);
        }
        return all;
    }

    @Override
    public Uni<Void> apply(int generation, List<Applied> batch) {
        List<String> keys = batch.stream().map(a -> CreditLineRow.key(generation, a.creditLineId())).distinct().toList();
        return CreditLineRow.<CreditLineRow>list("id in ?1", keys).chain(existing -> {
            Map<String, CreditLineRow> rows = new HashMap<>();
            existing.forEach(row -> rows.put(row.creditLineId, row));
            List<CreditLineRow> created = new ArrayList<>();
            for (Applied applied : batch) {
                CreditLineRow row = rows.get(applied.creditLineId());
                if (applied.event() instanceof CreditLineOpened opened) {
                    row = open(generation, applied, opened);
                    rows.put(applied.creditLineId(), row);
                    created.add(row);
                } else if (row == null) {
                    throw new IllegalStateException("event for credit line " + applied.creditLineId()
                            + " that the read model never saw opened");
                }
                update(row, applied);
            }
            return created.isEmpty() ? Uni.createFrom().voidItem()
                    : Panache.getSession().chain(session -> session.persistAll(created.toArray()));
        });
    }

    private static CreditLineRow open(int generation, Applied applied, CreditLineOpened e) {
        CreditLineRow row = new CreditLineRow();
        row.id = CreditLineRow.key(generation, applied.creditLineId());
        row.generation = generation;
        row.creditLineId = applied.creditLineId();
        row.borrowerId = e.borrowerId();
        row.productCode = e.productCode();
        row.segment = e.segment();
        row.currency = e.currency();
        row.limit = e.initialLimit();
        row.drawn = BigDecimal.ZERO.setScale(2);
        row.status = "OPEN";
        row.openedAt = applied.recorded().recordedAt();
        return row;
    }

    private void update(CreditLineRow row, Applied applied) {
        if (PastDue.changedBy(applied.event())) {
            row.pastDue(applied.event()); // repayments, missed instalments, servicing's reports and cures
        }
        switch (applied.event()) {
            case DrawdownRecorded e -> row.drawn = e.drawnAfter();
            case RepaymentRecorded e -> row.drawn = e.drawnAfter();
            case CreditLimitChanged e -> row.limit = e.newLimit();
            // the price in force comes from price changes only: from rules v3 an assessment on stale or missing data
            // does not move it (under earlier rules a change of grade always came with its PricingTierChanged)
            case RiskAssessed e -> row.score = e.assessment().score();
            case PricingTierChanged e -> {
                row.grade = e.grade();
                row.aprPercent = e.aprPercent();
            }
            case WarningRaised e -> {
                row.activeWarnings++;
                if (e.severity() == Severity.SEVERE) {
                    row.severeWarnings++;
                }
            }
            case WarningCleared e -> warningCleared(row, e.severity());
            case WarningClearedByOfficer e -> warningCleared(row, e.severity());
            default -> {
                // other facts (income, assets, bureau reports, notes, decisions) do not change the line's row
            }
        }
        // a write-off is for good: the line lends no more, whatever its warnings do afterwards
        row.status = applied.event() instanceof WriteOffRecorded || WRITTEN_OFF.equals(row.status) ? WRITTEN_OFF
                : row.severeWarnings > 0 ? "DRAWDOWNS_FROZEN" : "OPEN";
        row.daysPastDue = row.daysPastDueOn(LocalDate.ofInstant(applied.recorded().recordedAt(), businessZone));
        row.available = row.limit.subtract(row.drawn);
        row.utilization = row.limit.signum() == 0 ? BigDecimal.ZERO.setScale(4) : row.drawn.divide(row.limit, 4, RoundingMode.HALF_EVEN);
        row.streamVersion = applied.recorded().streamVersion();
        row.eventsApplied++;
        row.lastPosition = applied.recorded().checkpoint().toString();
        row.updatedAt = applied.recorded().recordedAt();
    }

    private static void warningCleared(CreditLineRow row, Severity severity) {
        row.activeWarnings = Math.max(0, row.activeWarnings - 1);
        if (severity == Severity.SEVERE) {
            row.severeWarnings = Math.max(0, row.severeWarnings - 1);
        }
    }

    @Override
    public Uni<Void> drop(int generation) {
        return CreditLineRow.delete("generation", generation).replaceWithVoid();
    }
}
