package com.uplift.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warning flags active across the book, with the line each is on: what a risk officer works from. It reads the
 * warnings projection (the flags the decider raised and cleared; no rule is evaluated here) beside the credit-line
 * projection for the line's segment, grade and exposure, each at its live generation in the same statement.
 * <p>
 * The two projections follow the log on their own, so for a moment a flag may be on a line the credit-line view has
 * not caught up with: it is still listed (a left join), with no segment or grade, and a segment or grade filter
 * leaves it out until the line is there.
 */
@ApplicationScoped
public class ActiveWarnings {

    /** Severities most serious first: the order of the board and of its counts. */
    public static final List<String> SEVERITIES = List.of("SEVERE", "WARNING", "WATCH");

    /** Each null means "any". */
    public record Filter(String severity, String flag, String segment, String grade) {
        public static final Filter ANY = new Filter(null, null, null, null);

        /** The same filter for every severity: what the counts per severity are taken over. */
        Filter anySeverity() {
            return new Filter(null, flag, segment, grade);
        }
    }

    public record ActiveWarning(String creditLineId, String flag, String severity, String detail, Instant raisedAt,
                                String segment, String grade, BigDecimal limit, BigDecimal drawn) {
    }

    /**
     * @param warnings     the first {@code limit} active flags that pass the filter, most serious first, newest first
     * @param matching     how many active flags pass the filter (the list may be shorter)
     * @param bySeverity   active flags per severity (SEVERE, WARNING, WATCH, each present) under the filter's other
     *                     conditions, so that the counts stay readable while one severity is selected
     */
    public record Board(List<ActiveWarning> warnings, long matching, Map<String, Long> bySeverity) {
    }

    private static final String FROM = """
            FROM warning_view w
            LEFT JOIN credit_line_view v ON v.credit_line_id = w.credit_line_id
                 AND v.generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')
            WHERE w.generation = (SELECT live_generation FROM projections WHERE name = 'warnings') AND w.active
              AND ($1::text IS NULL OR w.severity = $1) AND ($2::text IS NULL OR w.flag = $2)
              AND ($3::text IS NULL OR v.segment = $3) AND ($4::text IS NULL OR v.grade = $4)
            """;
    private static final String LIST = """
            SELECT w.credit_line_id, w.flag, w.severity, w.detail, w.raised_at, v.segment, v.grade, v.credit_limit, v.drawn
            """ + FROM + """
            ORDER BY CASE w.severity WHEN 'SEVERE' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, w.raised_at DESC, w.id
            LIMIT $5""";
    private static final String COUNTS = "SELECT w.severity, count(*) AS n " + FROM + " GROUP BY w.severity";

    private final Pool pool;

    public ActiveWarnings(Pool pool) {
        this.pool = pool;
    }

    public Uni<Board> board(Filter filter, int limit) {
        Uni<List<ActiveWarning>> warnings = pool.preparedQuery(LIST).execute(parameters(filter).addInteger(limit))
                .map(rows -> {
                    List<ActiveWarning> all = new ArrayList<>();
                    rows.forEach(row -> all.add(warning(row)));
                    return all;
                });
        Uni<Map<String, Long>> counts = pool.preparedQuery(COUNTS).execute(parameters(filter.anySeverity()))
                .map(rows -> {
                    Map<String, Long> bySeverity = new LinkedHashMap<>();
                    SEVERITIES.forEach(severity -> bySeverity.put(severity, 0L));
                    rows.forEach(row -> bySeverity.put(row.getString("severity"), row.getLong("n")));
                    return bySeverity;
                });
        return Uni.combine().all().unis(warnings, counts).asTuple().map(both -> new Board(both.getItem1(),
                filter.severity() == null ? both.getItem2().values().stream().mapToLong(Long::longValue).sum()
                        : both.getItem2().getOrDefault(filter.severity(), 0L),
                both.getItem2()));
    }

    private static Tuple parameters(Filter filter) {
        return Tuple.tuple(Arrays.asList(filter.severity(), filter.flag(), filter.segment(), filter.grade()));
    }

    private static ActiveWarning warning(Row row) {
        return new ActiveWarning(row.getString("credit_line_id"), row.getString("flag"), row.getString("severity"),
                row.getString("detail"), row.getOffsetDateTime("raised_at").toInstant(), row.getString("segment"),
                row.getString("grade"), row.getBigDecimal("credit_limit"), row.getBigDecimal("drawn"));
    }
}
