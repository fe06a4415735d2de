package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore.FoldEvent;
import com.uplift.eventstore.EventStore.FoldRead;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.domain.policy.Severity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row per credit line: limit, drawn, available, utilization, score, grade, APR, days past due, status and the
 * number of active warnings. Reads every credit-line event, so {@code eventsApplied} equals the stream version.
 */
@ApplicationScoped
public class CreditLinesProjection implements Projection, Projection.InBulk<List<CreditLinesProjection.Step>> {

    public static final String NAME = "credit-lines";

    private static final String COLUMNS = """
            id, generation, credit_line_id, borrower_id, product_code, segment, currency, credit_limit, drawn, available,
            utilization, score, grade, apr_percent, days_past_due, reported_since, arrears_since, past_due, status,
            active_warnings, severe_warnings, stream_version, events_applied, last_position, opened_at, updated_at""";

    private static final String LOAD = """
            SELECT id, generation, credit_line_id, borrower_id, product_code, segment, currency, credit_limit, drawn,
                   available, utilization, score, grade, apr_percent, days_past_due, reported_since, arrears_since,
                   past_due::text AS past_due, status, active_warnings, severe_warnings, stream_version, events_applied,
                   last_position, opened_at, updated_at
            FROM credit_line_view WHERE id = ANY($1::text[])""";

    /**
     * Every row a batch touched, in one statement: one array per column, unnested into rows. Values travel as text
     * and are cast by PostgreSQL, exactly as the column types round them when Hibernate writes the same row.
     */
    private static final String UPSERT = """
            INSERT INTO credit_line_view (%s)
            SELECT id, $1, credit_line_id, borrower_id, product_code, segment, currency, credit_limit::numeric,
                   drawn::numeric, available::numeric, utilization::numeric, score::int, grade, apr_percent::numeric,
                   days_past_due::int, reported_since::date, arrears_since::date, past_due::jsonb, status,
                   active_warnings::int, severe_warnings::int, stream_version::bigint, events_applied::bigint,
                   last_position, opened_at::timestamptz, updated_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                        $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                        $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[],
                        $24::text[], $25::text[], $26::text[])
                 AS r(id, credit_line_id, borrower_id, product_code, segment, currency, credit_limit, drawn, available,
                      utilization, score, grade, apr_percent, days_past_due, reported_since, arrears_since, past_due,
                      status, active_warnings, severe_warnings, stream_version, events_applied, last_position,
                      opened_at, updated_at)
            ON CONFLICT (id) DO UPDATE SET
                segment = excluded.segment, credit_limit = excluded.credit_limit, drawn = excluded.drawn, available = excluded.available,
                utilization = excluded.utilization, score = excluded.score, grade = excluded.grade,
                apr_percent = excluded.apr_percent, days_past_due = excluded.days_past_due,
                reported_since = excluded.reported_since, arrears_since = excluded.arrears_since,
                past_due = excluded.past_due, status = excluded.status, active_warnings = excluded.active_warnings,
                severe_warnings = excluded.severe_warnings, stream_version = excluded.stream_version,
                events_applied = excluded.events_applied, last_position = excluded.last_position,
                updated_at = excluded.updated_at""".formatted(COLUMNS);

    private final ZoneId businessZone;
    private final EventTypeRegistry types;
    private final List<FoldRead> foldReads;
    /** The stored type names of the credit line's events, for the events a rebuild reads by their fields. */
    private final Map<String, Class<?>> classes = new HashMap<>();

    /** The status of a written-off line (see {@code WriteOffRecorded}). */
    static final String WRITTEN_OFF = "WRITTEN_OFF";

    public CreditLinesProjection(@ConfigProperty(name = "uplift.business-zone", defaultValue = "Asia/Shanghai") ZoneId businessZone,
                                 EventTypeRegistry types) {
        this.businessZone = businessZone;
        this.types = types;
        this.foldReads = LineChange.reads(types);
        for (Class<?> type : CreditLineEvent.class.getPermittedSubclasses()) {
            classes.put(types.typeOf(type).name(), type);
        }
    }

    /**
     * One event as the row fold reads it: its line, its place and what it changes, from what a rebuild or a live batch
     * read of the event (see {@link LineChange}).
     */
    record Step(String creditLineId, long streamVersion, Checkpoint position, Instant recordedAt, LineChange change) {
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
    public List<FoldRead> foldReads() {
        return foldReads;
    }

    /**
     * A stretch's events as steps: an event read by its fields becomes its change without being decoded; one that
     * came whole (read whole, or stored at an older schema version) is decoded, through its upcasters, as the live
     * path decodes it. A payload that cannot be read fails the stretch, which the runner then applies the ordinary way.
     */
    @Override
    public List<Step> prepare(List<FoldEvent> events) {
        List<Step> steps = new ArrayList<>(events.size());
        for (FoldEvent event : events) {
            RecordedEvent recorded = event.recorded();
            LineChange change = event.whole() ? LineChange.of((CreditLineEvent) types.deserialize(recorded))
                    : LineChange.fromFields(classes.get(recorded.eventType()), event.fields());
            steps.add(new Step(CreditLineStream.lineId(recorded.streamId()), recorded.streamVersion(),
                    recorded.checkpoint(), recorded.recordedAt(), change));
        }
        return steps;
    }

    /**
     * The only way this projection writes, for a rebuild's stretch and a live batch alike: the rows are loaded in one
     * statement, folded in memory and written back in one statement on the connection that also moves the checkpoint.
     * Hibernate is not involved: no entity per row, no dirty checking, no statement per row.
     */
    @Override
    public Uni<Void> applyInBulk(SqlConnection connection, int generation, List<Step> stretch) {
        if (stretch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> lines = new LinkedHashSet<>();
        stretch.forEach(step -> lines.add(step.creditLineId()));
        String[] keys = lines.stream().map(line -> CreditLineRow.key(generation, line)).toArray(String[]::new);
        return connection.preparedQuery(LOAD).execute(Tuple.of(keys)).chain(existing -> {
            Map<String, CreditLineRow> rows = new LinkedHashMap<>();
            for (Row stored : existing) {
                CreditLineRow row = row(stored);
                rows.put(row.creditLineId, row);
            }
            fold(generation, stretch, rows);
            return rows.isEmpty() ? Uni.createFrom().voidItem()
                    : connection.preparedQuery(UPSERT).execute(columns(generation, rows.values())).replaceWithVoid();
        });
    }

    /**
     * Folds steps into rows by line; a line opened in them is added to {@code rows}. What the
     * row derives from its values (status, days past due, available, utilization) and its last event's place is
     * worked out once per row, after its last step: it depends only on the values the steps leave and that step.
     */
    private void fold(int generation, List<Step> steps, Map<String, CreditLineRow> rows) {
        Map<CreditLineRow, Step> lastSteps = new IdentityHashMap<>();
        for (Step step : steps) {
            CreditLineRow row = rows.get(step.creditLineId());
            if (step.change() instanceof LineChange.Opened opened) {
                row = open(generation, step, opened);
                rows.put(step.creditLineId(), row);
            } else if (row == null) {
                throw new IllegalStateException("event for credit line " + step.creditLineId()
                        + " that the read model never saw opened");
            }
            update(row, step);
            lastSteps.put(row, step);
        }
        lastSteps.forEach(this::derive);
    }

    /** A row of {@link #LOAD}, its columns by position in that statement (by name, each was a search of the columns). */
    private static CreditLineRow row(Row stored) {
        CreditLineRow row = new CreditLineRow();
        row.id = stored.getString(0 /* id */);
        row.generation = stored.getInteger(1 /* generation */);
        row.creditLineId = stored.getString(2 /* credit_line_id */);
        row.borrowerId = stored.getString(3 /* borrower_id */);
        row.productCode = stored.getString(4 /* product_code */);
        row.segment = stored.getString(5 /* segment */);
        row.currency = stored.getString(6 /* currency */);
        row.limit = stored.getBigDecimal(7 /* credit_limit */);
        row.drawn = stored.getBigDecimal(8 /* drawn */);
        row.available = stored.getBigDecimal(9 /* available */);
        row.utilization = stored.getBigDecimal(10 /* utilization */);
        row.score = stored.getInteger(11 /* score */);
        row.grade = stored.getString(12 /* grade */);
        row.aprPercent = stored.getBigDecimal(13 /* apr_percent */);
        row.daysPastDue = stored.getInteger(14 /* days_past_due */);
        row.reportedSince = stored.getLocalDate(15 /* reported_since */);
        row.arrearsSince = stored.getLocalDate(16 /* arrears_since */);
        row.pastDueJson = stored.getString(17 /* past_due */);
        row.status = stored.getString(18 /* status */);
        row.activeWarnings = stored.getInteger(19 /* active_warnings */);
        row.severeWarnings = stored.getInteger(20 /* severe_warnings */);
        row.streamVersion = stored.getLong(21 /* stream_version */);
        row.eventsApplied = stored.getLong(22 /* events_applied */);
        row.lastPosition = stored.getString(23 /* last_position */);
        row.openedAt = stored.getOffsetDateTime(24 /* opened_at */).toInstant();
        row.updatedAt = stored.getOffsetDateTime(25 /* updated_at */).toInstant();
        return row;
    }

    private static Tuple columns(int generation, Collection<CreditLineRow> rows) {
        int n = rows.size();
        String[][] c = new String[25][n];
        int i = 0;
        for (CreditLineRow r : rows) {
            Object[] values = {r.id, r.creditLineId, r.borrowerId, r.productCode, r.segment, r.currency, r.limit, r.drawn,
                    r.available, r.utilization, r.score, r.grade, r.aprPercent, r.daysPastDue, r.reportedSince,
                    r.arrearsSince, r.pastDueJson, r.status, r.activeWarnings, r.severeWarnings, r.streamVersion,
                    r.eventsApplied, r.lastPosition, r.openedAt, r.updatedAt};
            for (int column = 0; column < values.length; column++) {
                c[column][i] = text(values[column]);
            }
            i++;
        }
        Tuple tuple = Tuple.tuple().addInteger(generation);
        for (String[] column : c) {
            tuple.addArrayOfString(column);
        }
        return tuple;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal number -> number.toPlainString();
            default -> value.toString(); // LocalDate and Instant print ISO-8601, which PostgreSQL reads as is
        };
    }

    private static CreditLineRow open(int generation, Step step, LineChange.Opened e) {
        CreditLineRow row = new CreditLineRow();
        row.id = CreditLineRow.key(generation, step.creditLineId());
        row.generation = generation;
        row.creditLineId = step.creditLineId();
        row.borrowerId = e.borrowerId();
        row.productCode = e.productCode();
        row.segment = e.segment();
        row.currency = e.currency();
        row.limit = e.initialLimit();
        row.drawn = BigDecimal.ZERO.setScale(2);
        row.status = "OPEN";
        row.openedAt = step.recordedAt();
        return row;
    }

    private static void update(CreditLineRow row, Step step) {
        switch (step.change()) {
            case LineChange.PastDueMoved moved -> {
                row.pastDue(moved.event()); // repayments, missed instalments, servicing's reports and cures
                if (moved.event() instanceof RepaymentRecorded e) {
                    row.drawn = e.drawnAfter();
                }
            }
            case LineChange.Drawn e -> row.drawn = e.drawnAfter();
            case LineChange.LimitChanged e -> row.limit = e.newLimit();
            case LineChange.TierMoved e -> row.segment = e.toTier(); // the tier in force (rules v5), by the rules or by hand
            // the price in force comes from price changes only: from rules v3 an assessment on stale or missing data
            // does not move it (under earlier rules a change of grade always came with its PricingTierChanged)
            case LineChange.Scored e -> row.score = e.score();
            case LineChange.Repriced e -> {
                row.grade = e.grade();
                row.aprPercent = e.aprPercent();
            }
            case LineChange.WarningOn e -> {
                row.activeWarnings++;
                if (e.severity() == Severity.SEVERE) {
                    row.severeWarnings++;
                }
            }
            case LineChange.WarningOff e -> warningCleared(row, e.severity());
            // a write-off is for good: the line lends no more, whatever its warnings do afterwards
            case LineChange.WrittenOff e -> row.status = WRITTEN_OFF;
            case LineChange.Opened e -> {
                // the row was just opened from it
            }
            case LineChange.Counted e -> {
                // other facts (income, assets, bureau reports, notes, decisions) do not change the line's row
            }
        }
        row.eventsApplied++;
    }

    /** What a row derives from its values and its last event: its place, and its state as of that event's date. */
    private void derive(CreditLineRow row, Step last) {
        row.streamVersion = last.streamVersion();
        row.lastPosition = last.position().toString();
        row.updatedAt = last.recordedAt();
        row.status = WRITTEN_OFF.equals(row.status) ? WRITTEN_OFF : row.severeWarnings > 0 ? "DRAWDOWNS_FROZEN" : "OPEN";
        row.daysPastDue = row.daysPastDueOn(LocalDate.ofInstant(row.updatedAt, businessZone));
        row.available = row.limit.subtract(row.drawn);
        row.utilization = row.limit.signum() == 0 ? BigDecimal.ZERO.setScale(4) : row.drawn.divide(row.limit, 4, RoundingMode.HALF_EVEN);
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
