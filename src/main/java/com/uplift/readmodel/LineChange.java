package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.domain.policy.Severity;
import com.uplift.eventstore.EventStore.FoldRead;
import com.uplift.eventstore.EventTypeRegistry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one event changes in its line's row of {@code credit_line_view}, and nothing more: the few values the row
 * fold ({@link CreditLinesProjection}) reads. The live path makes it from the decoded event ({@link #of}); a rebuild
 * makes it from the payload fields PostgreSQL extracted ({@link #fromFields}), so it never decodes, or even receives,
 * the rest of a payload (a risk assessment's breakdown and inputs, a decision's rules). Both ways are written here,
 * type by type side by side, and {@code LineChangeTest} checks on every approved event shape that they agree.
 */
sealed interface LineChange {

    record Opened(String borrowerId, String productCode, String segment, String currency, BigDecimal initialLimit)
            implements LineChange {
    }

    record Drawn(BigDecimal drawnAfter) implements LineChange {
    }

    /**
     * A fact that moves what is past due: repayments, missed instalments, servicing's reports and cures. The row
     * folds the event itself through the domain's {@code evolve} ({@link PastDue}); a repayment also sets the drawn
     * balance.
     */
    record PastDueMoved(CreditLineEvent event) implements LineChange {
    }

    record LimitChanged(BigDecimal newLimit) implements LineChange {
    }

    record TierMoved(String toTier) implements LineChange {
    }

    record Scored(int score) implements LineChange {
    }

    record Repriced(String grade, BigDecimal aprPercent) implements LineChange {
    }

    record WarningOn(Severity severity) implements LineChange {
    }

    record WarningOff(Severity severity) implements LineChange {
    }

    record WrittenOff() implements LineChange {
    }

    /** Income, assets, bureau reports, notes, decisions: the row only counts it (version, position, time). */
    record Counted() implements LineChange {
    }

    LineChange WRITTEN_OFF = new WrittenOff();
    LineChange COUNTED = new Counted();

    /** The change an event makes: the live path's way, from the decoded event. */
    static LineChange of(CreditLineEvent event) {
        return switch (event) {
            case CreditLineOpened e -> new Opened(e.borrowerId(), e.productCode(), e.segment(), e.currency(), e.initialLimit());
            case DrawdownRecorded e -> new Drawn(e.drawnAfter());
            case RepaymentRecorded e -> new PastDueMoved(e);
            case PaymentMissed e -> new PastDueMoved(e);
            case DelinquencyReported e -> new PastDueMoved(e);
            case DelinquencyCured e -> new PastDueMoved(e);
            case CreditLimitChanged e -> new LimitChanged(e.newLimit());
            case TierChanged e -> new TierMoved(e.toTier());
            case RiskAssessed e -> new Scored(e.assessment().score());
            case PricingTierChanged e -> new Repriced(e.grade(), e.aprPercent());
            case WarningRaised e -> new WarningOn(e.severity());
            case WarningCleared e -> new WarningOff(e.severity());
            case WarningClearedByOfficer e -> new WarningOff(e.severity());
            case WriteOffRecorded e -> WRITTEN_OFF;
            default -> COUNTED;
        };
    }

    /**
     * How a rebuild reads one event type: the payload fields it needs (paths as stored at the type's current schema
     * version) and the change they make. A type read whole has no fields here and goes through {@link #of}.
     */
    record ByFields(List<String> fields, Function<List<String>, LineChange> change) {
    }

    /**
     * Types read field by field; those in {@link #READ_WHOLE} are decoded whole; every other type is counted only,
     * without its payload. The past-due facts are small and are folded by the domain's own {@code evolve}
     * ({@link PastDue}), which wants the event itself; a line is opened once.
     */
    Map<Class<? extends CreditLineEvent>, ByFields> BY_FIELDS = Map.of(
            DrawdownRecorded.class, new ByFields(List.of("drawnAfter"), f -> new Drawn(decimal(f.get(0)))),
            CreditLimitChanged.class, new ByFields(List.of("newLimit"), f -> new LimitChanged(decimal(f.get(0)))),
            TierChanged.class, new ByFields(List.of("toTier"), f -> new TierMoved(f.get(0))),
            RiskAssessed.class, new ByFields(List.of("assessment.score"), f -> new Scored(Integer.parseInt(f.get(0)))),
            PricingTierChanged.class, new ByFields(List.of("grade", "aprPercent"),
                    f -> new Repriced(f.get(0), decimal(f.get(1)))),
            WarningRaised.class, new ByFields(List.of("severity"), f -> new WarningOn(Severity.valueOf(f.get(0)))),
            WarningCleared.class, new ByFields(List.of("severity"), f -> new WarningOff(Severity.valueOf(f.get(0)))),
            WarningClearedByOfficer.class, new ByFields(List.of("severity"), f -> new WarningOff(Severity.valueOf(f.get(0)))),
            WriteOffRecorded.class, new ByFields(List.of(), f -> WRITTEN_OFF));

    Set<Class<? extends CreditLineEvent>> READ_WHOLE = Set.of(CreditLineOpened.class, RepaymentRecorded.class,
            PaymentMissed.class, DelinquencyReported.class, DelinquencyCured.class);

    /** What a rebuild asks the event store for, type by type, at each type's current schema version. */
    static List<FoldRead> reads(EventTypeRegistry types) {
        List<FoldRead> reads = new ArrayList<>();
        for (Class<?> type : CreditLineEvent.class.getPermittedSubclasses()) {
            EventTypeRegistry.EventType stored = types.typeOf(type);
            ByFields byFields = BY_FIELDS.get(type);
            reads.add(new FoldRead(stored.name(), stored.schemaVersion(), READ_WHOLE.contains(type),
                    byFields == null ? List.of() : byFields.fields()));
        }
        return reads;
    }

    /** The change an event makes, from the fields a rebuild read of it (its type is neither read whole nor upcast). */
    static LineChange fromFields(Class<?> type, List<String> fields) {
        ByFields byFields = BY_FIELDS.get(type);
        return byFields == null ? COUNTED : byFields.change().apply(fields);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
