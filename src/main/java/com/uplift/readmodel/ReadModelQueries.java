package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.Money;
import com.uplift.eventstore.CanonicalJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Queries across many credit lines, served by the read models. Each reads the live generation of its projection in
 * the same statement as the rows ({@code generation = (select live_generation ...)}), so a switch-over after a rebuild
 * is never seen half-done.
 */
@ApplicationScoped
public class ReadModelQueries {

    private static final String LIVE = "(select p.liveGeneration from ProjectionRow p where p.name = :projection)";

    private final Pool pool;
    private final Clock clock;
    private final BigDecimal overdueBenchmarkPercent;
    private final ZoneId businessZone;

    /** The business date, in the zone the policy counts days past due in. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), businessZone);
    }

    public ReadModelQueries(Pool pool, Clock clock,
                            @ConfigProperty(name = "uplift.portfolio.overdue-benchmark-percent", defaultValue = "3.35")
                            BigDecimal overdueBenchmarkPercent,
                            @ConfigProperty(name = "uplift.business-zone", defaultValue = "Asia/Shanghai") ZoneId businessZone) {
        this.pool = pool;
        this.clock = clock;
        this.overdueBenchmarkPercent = overdueBenchmarkPercent;
        this.businessZone = businessZone;
    }

    public record PageOf<T>(List<T> items, int page, int size, long total) {
    }

    public record LineItem(String id, String borrowerId, String productCode, String segment, String currency,
                           BigDecimal limit, BigDecimal drawn, BigDecimal available, BigDecimal utilization,
                           Integer score, String grade, BigDecimal aprPercent, int daysPastDue, String status,
                           int activeWarnings, long version, String position) {
        static LineItem of(CreditLineRow r, LocalDate today) {
            return new LineItem(r.creditLineId, r.borrowerId, r.productCode, r.segment, r.currency,
                    Money.inCurrency(r.currency, r.limit), Money.inCurrency(r.currency, r.drawn),
                    Money.inCurrency(r.currency, r.available), r.utilization, r.score, r.grade, r.aprPercent, r.daysPastDueOn(today), r.status,
                    r.activeWarnings, r.streamVersion, r.lastPosition);
        }
    }

    /** @param warning true: only lines with an active warning; false: only lines without; null: all */
    public Uni<PageOf<LineItem>> creditLines(String grade, String status, Boolean warning, String borrowerId, int page, int size) {
        StringBuilder where = new StringBuilder("generation = " + LIVE);
        Parameters params = Parameters.with("projection", CreditLinesProjection.NAME);
        if (grade != null) {
            where.append(" and grade = :grade");
            params.and("grade", grade);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (warning != null) {
            where.append(warning ? " and activeWarnings > 0" : " and activeWarnings = 0");
        }
        if (borrowerId != null) {
            where.append(" and borrowerId = :borrower");
            params.and("borrower", borrowerId);
        }
        return Panache.withSession(() -> {
            var query = CreditLineRow.<CreditLineRow>find(where.toString(), Sort.by("openedAt").and("creditLineId"), params);
            return query.page(PageBeyondReach.of(page, size)).list()
                    .chain(rows -> query.count().map(total -> new PageOf<>(
                            rows.stream().map(row -> LineItem.of(row, today())).toList(),
                            page, size, total)));
        });
    }

    public record WarningItem(String creditLineId, String flag, String severity, String detail, boolean active,
                              Instant raisedAt, Instant clearedAt, String clearDetail) {
    }

    public Uni<PageOf<WarningItem>> warnings(String severity, Boolean active, String creditLineId, int page, int size) {
        StringBuilder where = new StringBuilder("generation = " + LIVE);
        Parameters params = Parameters.with("projection", WarningsProjection.NAME);
        if (severity != null) {
            where.append(" and severity = :severity");
            params.and("severity", severity);
        }
        if (active != null) {
            where.append(" and active = :active");
            params.and("active", active);
        }
        if (creditLineId != null) {
            where.append(" and creditLineId = :line");
            params.and("line", creditLineId);
        }
        return Panache.withSession(() -> {
            var query = WarningRow.<WarningRow>find(where.toString(), Sort.descending("raisedAt").and("id"), params);
            return query.page(PageBeyondReach.of(page, size)).list().chain(rows -> query.count().map(total -> new PageOf<>(
                    rows.stream().map(r -> new WarningItem(r.creditLineId, r.flag, r.severity, r.detail, r.active,
                            r.raisedAt, r.clearedAt, r.clearDetail)).toList(), page, size, total)));
        });
    }

    /**
     * A referral awaiting review: an increase request ({@code kind} INCREASE, named by {@code requestId}, with its
     * explanation) or a limit decrease ({@code kind} DECREASE, named by {@code decreaseId} on its line; reviewed on the
     * line's decreases). {@code level} is the review level due next.
     *
     * @param drawn       DECREASE only: the drawn balance when it was referred (the floor of any approved limit then)
     * @param reviewDueBy DECREASE only, when the line's policy sets {@code decreases.referralExpiry}: the SLA, after
     *                    which the decrease is applied without the review still due; null otherwise
     */
    public record QueueItem(String requestId, String creditLineId, int level, long ageSeconds, Instant referredAt,
                            String requestedBy, String channel, String segment, String grade, Integer score,
                            BigDecimal oldLimit, BigDecimal proposedLimit, List<String> reasons, IncreaseDecided explanation,
                            String kind, String decreaseId, BigDecimal drawn, Instant reviewDueBy) {

        public static final String INCREASE = "INCREASE";
        public static final String DECREASE = "DECREASE";

        public QueueItem withReviewDueBy(Instant dueBy) {
            return new QueueItem(requestId, creditLineId, level, ageSeconds, referredAt, requestedBy, channel, segment,
                    grade, score, oldLimit, proposedLimit, reasons, explanation, kind, decreaseId, drawn, dueBy);
        }
    }

    /**
     * Referrals awaiting review, increases and decreases together, oldest first; {@code level} null means every
     * level. Each kind is read from its own projection's live generation. An increase carries the segment, grade and
     * score it was decided on; a decrease's decision has none, so it shows its line's as the line view holds them now.
     */
    public Uni<List<QueueItem>> reviewQueue(Integer level) {
        Instant now = clock.instant();
        String where = "generation = " + LIVE + " and status = 'PENDING'" + (level == null ? "" : " and reviewLevel = :level");
        return Panache.withSession(() -> IncreaseDecisionRow.<IncreaseDecisionRow>find(where, Sort.ascending("decidedAt"),
                        pendingAt(IncreaseDecisionsProjection.NAME, level)).list()
                .chain(increases -> DecreaseDecisionRow.<DecreaseDecisionRow>find(where, Sort.ascending("decidedAt"),
                                pendingAt(DecreaseDecisionsProjection.NAME, level)).list()
                        .chain(decreases -> linesOf(decreases.stream().map(r -> r.creditLineId).distinct().toList())
                                .map(lines -> {
                                    List<QueueItem> items = new ArrayList<>();
                                    increases.forEach(r -> items.add(increase(r, now)));
                                    decreases.forEach(r -> items.add(decrease(r, lines.get(r.creditLineId), now)));
                                    items.sort(Comparator.comparing(QueueItem::referredAt));
                                    return items;
                                }))));
    }

    /** The lines' rows in the line view's live generation, by line id (a line the view has not reached is absent). */
    private static Uni<Map<String, CreditLineRow>> linesOf(List<String> creditLineIds) {
        if (creditLineIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return CreditLineRow.<CreditLineRow>find("generation = " + LIVE + " and creditLineId in :ids",
                        Parameters.with("projection", CreditLinesProjection.NAME).and("ids", creditLineIds)).list()
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> r.creditLineId, r -> r)));
    }

    private static Parameters pendingAt(String projection, Integer level) {
        Parameters params = Parameters.with("projection", projection);
        return level == null ? params : params.and("level", level);
    }

    private static QueueItem increase(IncreaseDecisionRow r, Instant now) {
        return new QueueItem(r.requestId, r.creditLineId, r.reviewLevel, Duration.between(r.decidedAt, now).toSeconds(),
                r.decidedAt, r.requestedBy, r.channel, r.segment, r.grade, r.score, r.oldLimit, r.proposedLimit,
                codes(r.reasons),
                // the decision as /decisions shows it (amounts as JSON numbers), not in its stored form
                CanonicalJson.fromTree(CanonicalJson.parse(r.explanation), IncreaseDecided.class),
                QueueItem.INCREASE, null, null, null);
    }

    private static QueueItem decrease(DecreaseDecisionRow r, CreditLineRow line, Instant now) {
        return new QueueItem(null, r.creditLineId, r.reviewLevel, Duration.between(r.decidedAt, now).toSeconds(),
                r.decidedAt, null, null, line == null ? null : line.segment, line == null ? null : line.grade,
                line == null ? null : line.score, r.oldLimit, r.proposedLimit, codes(r.reasons), null,
                QueueItem.DECREASE, r.decreaseId, r.drawn, null);
    }

    private static List<String> codes(String reasons) {
        return reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(","));
    }

    // ---- portfolio ----

    public record Exposure(String key, long lines, BigDecimal limit, BigDecimal drawn) {
    }

    public record DecisionRates(long requests, BigDecimal approvalRate, BigDecimal declineRate, BigDecimal referralRate,
                                long pending, BigDecimal averageIncrease) {
    }

    public record OverdueRate(long activeLines, long overdueLines, BigDecimal byLinesPercent, BigDecimal drawn,
                              BigDecimal overdueDrawn, BigDecimal byBalancePercent) {
    }

    public record PolicyGroup(String arm, DecisionRates decisions, OverdueRate overdue) {
    }

    public record PortfolioSummary(Instant asOf, long lines, BigDecimal totalLimit, BigDecimal totalDrawn,
                                   List<Exposure> byGrade, List<Exposure> bySegment, DecisionRates decisions,
                                   OverdueRate overdue, BigDecimal benchmarkOverduePercent, String benchmarkSource,
                                   BigDecimal overdueVersusBenchmarkPoints, List<PolicyGroup> byPolicyGroup) {
    }

    /** 30+ days past due today: the oldest unpaid date (reported or missed) lies 30 or more business days back. */
    private static String overdueCondition(LocalDate today) {
        return "LEAST(v.reported_since, v.arrears_since) <= DATE '" + today.minusDays(30) + "'";
    }
    private static final String LINES = """
            FROM credit_line_view v WHERE v.generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')""";
    private static final String DECISIONS = """
            FROM increase_decision_view d WHERE d.generation = (SELECT live_generation FROM projections WHERE name = 'increase-decisions')""";

    public Uni<PortfolioSummary> portfolio() {
        Uni<RowSet<Row>> byGrade = pool.query("SELECT coalesce(v.grade, '-') AS k, count(*) AS n, sum(v.credit_limit) AS l, sum(v.drawn) AS d "
                + LINES + " GROUP BY 1 ORDER BY 1").execute();
        Uni<RowSet<Row>> bySegment = pool.query("SELECT v.segment AS k, count(*) AS n, sum(v.credit_limit) AS l, sum(v.drawn) AS d "
                + LINES + " GROUP BY 1 ORDER BY 1").execute();
        Uni<RowSet<Row>> overdue = pool.query("""
                SELECT count(*) AS n, count(*) FILTER (WHERE %1$s) AS o,
                       coalesce(sum(v.drawn), 0) AS d, coalesce(sum(v.drawn) FILTER (WHERE %1$s), 0) AS od
                """.formatted(overdueCondition(today())) + LINES).execute();
        Uni<RowSet<Row>> decisions = pool.query(decisionSql("'ALL'")).execute();
        Uni<RowSet<Row>> groups = pool.query(decisionSql("coalesce(d.strategy_arm, 'CHAMPION')")).execute();
        Uni<RowSet<Row>> groupOverdue = pool.query("""
                SELECT g.arm AS k, count(*) AS n, count(*) FILTER (WHERE %1$s) AS o,
                       coalesce(sum(v.drawn), 0) AS d, coalesce(sum(v.drawn) FILTER (WHERE %1$s), 0) AS od
                FROM credit_line_view v
                JOIN (SELECT DISTINCT ON (d.credit_line_id) d.credit_line_id, coalesce(d.strategy_arm, 'CHAMPION') AS arm
                      %2$s
                       ORDER BY d.credit_line_id, d.decided_at DESC) g ON g.credit_line_id = v.credit_line_id
                WHERE v.generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')
                GROUP BY 1 ORDER BY 1""".formatted(overdueCondition(today()), DECISIONS)).execute();
        return Uni.combine().all().unis(byGrade, bySegment, overdue, decisions, groups, groupOverdue).asTuple().map(t -> {
            List<Exposure> grades = exposures(t.getItem1());
            List<Exposure> segments = exposures(t.getItem2());
            OverdueRate overdueRate = overdue(t.getItem3().iterator().next());
            DecisionRates rates = t.getItem4().iterator().hasNext() ? rates(t.getItem4().iterator().next()) : rates(null);
            List<PolicyGroup> byGroup = new ArrayList<>();
            for (Row row : t.getItem5()) {
                String arm = row.getString("k");
                OverdueRate groupRate = overdue(null);
                for (Row o : t.getItem6()) {
                    if (arm.equals(o.getString("k"))) {
                        groupRate = overdue(o);
                    }
                }
                byGroup.add(new PolicyGroup(arm, rates(row), groupRate));
            }
            long lines = segments.stream().mapToLong(Exposure::lines).sum();
            BigDecimal limit = segments.stream().map(Exposure::limit).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal drawn = segments.stream().map(Exposure::drawn).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new PortfolioSummary(clock.instant(), lines, limit, drawn, grades, segments, rates, overdueRate,
                    overdueBenchmarkPercent,
                    "US large-bank credit-card balances 30+ days past due, Q4 2025 (Philadelphia Fed, FRED RCCCBBALDPD30P)",
                    overdueRate.byBalancePercent().subtract(overdueBenchmarkPercent), byGroup);
        });
    }

    private static String decisionSql(String groupBy) {
        return "SELECT " + groupBy + """
                 AS k, count(*) AS n,
                       count(*) FILTER (WHERE d.outcome = 'APPROVED') AS approved,
                       count(*) FILTER (WHERE d.outcome = 'DECLINED') AS declined,
                       count(*) FILTER (WHERE d.outcome = 'REFERRED') AS referred,
                       count(*) FILTER (WHERE d.status = 'PENDING') AS pending,
                       avg(d.new_limit - d.old_limit) FILTER (WHERE d.status = 'APPROVED' AND d.new_limit IS NOT NULL) AS avg_increase
                """ + DECISIONS + " GROUP BY 1 ORDER BY 1";
    }

    private static List<Exposure> exposures(RowSet<Row> rows) {
        List<Exposure> all = new ArrayList<>();
        for (Row row : rows) {
            all.add(new Exposure(row.getString("k"), row.getLong("n"), money(row.getBigDecimal("l")), money(row.getBigDecimal("d"))));
        }
        return all;
    }

    private static DecisionRates rates(Row row) {
        if (row == null) {
            return new DecisionRates(0, percent(0, 0), percent(0, 0), percent(0, 0), 0, money(null));
        }
        long n = row.getLong("n");
        return new DecisionRates(n, percent(row.getLong("approved"), n), percent(row.getLong("declined"), n),
                percent(row.getLong("referred"), n), row.getLong("pending"), money(row.getBigDecimal("avg_increase")));
    }

    private static OverdueRate overdue(Row row) {
        if (row == null) {
            return new OverdueRate(0, 0, percent(0, 0), money(null), money(null), percent(0, 0));
        }
        BigDecimal drawn = money(row.getBigDecimal("d"));
        BigDecimal overdueDrawn = money(row.getBigDecimal("od"));
        BigDecimal byBalance = drawn.signum() == 0 ? percent(0, 0)
                : overdueDrawn.multiply(BigDecimal.valueOf(100)).divide(drawn, 2, RoundingMode.HALF_EVEN);
        return new OverdueRate(row.getLong("n"), row.getLong("o"), percent(row.getLong("o"), row.getLong("n")),
                drawn, overdueDrawn, byBalance);
    }

    /** A share in percent with 2 decimals; 0.00 of nothing. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_EVEN);
    }
}
