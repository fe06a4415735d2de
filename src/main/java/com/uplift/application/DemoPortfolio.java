package com.uplift.application;

import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.domain.history.IncomeSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Fills an empty database with a realistic synthetic portfolio, so that a newcomer's first run shows a living book:
 * lines of several segments with repayment histories (some late), verified incomes, bureau reports (a few with
 * negative records), asset changes, service notes in Chinese and English, delinquencies, and limit-increase requests
 * that were approved, declined or referred to review. Every fact goes through the decider like any other command.
 * On by default in the dev profile only ({@code uplift.demo-data.enabled}); the seed makes it reproducible.
 */
@ApplicationScoped
public class DemoPortfolio {

    private static final Logger LOG = Logger.getLogger(DemoPortfolio.class);
    private static final String[] SEGMENTS = {"STANDARD", "STANDARD", "STANDARD", "PRIME", "NEW_TO_CREDIT"};
    private static final String[] NOTES = {
            "客户来电咨询还款日，态度良好",
            "客户表示最近被裁员，收入减少，手头紧",
            "Customer asked about early repayment fees.",
            "Customer says he lost his job last month and is struggling to pay.",
            "客户对上月扣款有异议，要求投诉处理",
            "Customer reports a transaction that is not my transaction, possible fraud.",
            "客户在多家平台借款，以贷养贷"};

    /** Where the portfolio stands; readiness is UP only in the states that say it is in place (or not wanted). */
    public enum Progress {
        DISABLED(true), CHECKING(false), LOADING(false), LOADED(true), ALREADY_PRESENT(true), FAILED(false);

        private final boolean ready;

        Progress(boolean ready) {
            this.ready = ready;
        }
    }

    private final CreditLineService lines;
    private final EventStore store;
    private final AtomicReference<Progress> progress;
    private final Clock clock;
    private final boolean enabled;
    private final int count;
    private final long seed;
    private final int seasoned;
    private final PolicyCatalog policies;
    private final OfferScans scans;
    private final Reassessment reassessment;

    /**
     * Without seasoned lines, the increase list's policy or its scan: the portfolio's lines alone (what tests,
     * benchmarks and rebuild tests generate).
     */
    public DemoPortfolio(CreditLineService lines, EventStore store, Clock clock, boolean enabled, int count, long seed) {
        this(lines, store, clock, enabled, count, seed, 0);
    }

    /** The portfolio and its seasoned lines ({@link SeasonedLines}), without the increase list's policy or scan. */
    public DemoPortfolio(CreditLineService lines, EventStore store, Clock clock, boolean enabled, int count, long seed,
                         int seasoned) {
        this(lines, store, clock, enabled, count, seed, seasoned, null, null, null);
    }

    @jakarta.inject.Inject
    public DemoPortfolio(CreditLineService lines, EventStore store, Clock clock,
                         @ConfigProperty(name = "uplift.demo-data.enabled", defaultValue = "false") boolean enabled,
                         @ConfigProperty(name = "uplift.demo-data.lines", defaultValue = "60") int count,
                         @ConfigProperty(name = "uplift.demo-data.seed", defaultValue = "20261128") long seed,
                         @ConfigProperty(name = "uplift.demo-data.seasoned-lines", defaultValue = "0") int seasoned,
                         PolicyCatalog policies, OfferScans scans, Reassessment reassessment) {
        this.policies = policies;
        this.scans = scans;
        this.reassessment = reassessment;
        this.lines = lines;
        this.store = store;
        this.clock = clock;
        this.enabled = enabled;
        this.count = count;
        this.seed = seed;
        this.seasoned = seasoned;
        this.progress = new AtomicReference<>(enabled ? Progress.CHECKING : Progress.DISABLED);
    }

    public Progress progress() {
        return progress.get();
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            return;
        }
        store.streamIds(CreditLineStream.PREFIX, "", null, null, 1)
                .map(existing -> !existing.isEmpty())
                .chain(any -> {
                    if (any) {
                        return Uni.createFrom().item(0);
                    }
                    progress.set(Progress.LOADING);
                    return generate().call(this::offerIncreases);
                })
                .subscribe().with(
                        generated -> {
                            progress.set(generated > 0 ? Progress.LOADED : Progress.ALREADY_PRESENT);
                            if (generated > 0) {
                                LOG.infof("Demo portfolio: %d credit lines generated (seed %d)", generated, seed);
                            }
                        },
                        failure -> {
                            progress.set(Progress.FAILED);
                            LOG.warn("Demo portfolio could not be generated", failure);
                        });
    }

    /**
     * Readiness: a dev instance is not ready until its demo portfolio is in place, so that whoever waits for UP (a
     * script, the README's walk-through) finds the queues and the portfolio filled rather than half-generated.
     */
    @Readiness
    @ApplicationScoped
    static class Loaded implements HealthCheck {

        private final DemoPortfolio portfolio;

        Loaded(DemoPortfolio portfolio) {
            this.portfolio = portfolio;
        }

        @Override
        public HealthCheckResponse call() {
            Progress now = portfolio.progress();
            return HealthCheckResponse.named("demo-portfolio").status(now.ready).withData("state", now.name()).build();
        }
    }

    /**
     * 提额名单 on the demo book: admin proposes policy v1 with the increase list's section ({@link IncreaseListPolicy}),
     * the decreases section and the demo's tiering ({@link DeteriorationPolicy}), admin2 approves it (the same
     * four-eyes path as any policy). The servicing schedule's pass ({@link Reassessment}) then goes over the
     * portfolio's lines under it, as its first scheduled run would: the tiering rules move the lines whose score fell
     * under 65 ({@code TierChanged}), and lines 60+ days past due come down. Then one scan runs to its end, so the
     * portfolio shows offers (the lines that did not ask for an increase and qualify).
     */
    public Uni<OfferScans.Run> offerIncreases() {
        if (policies == null || scans == null || reassessment == null) {
            return Uni.createFrom().nullItem();
        }
        return policies.book().chain(book -> {
            int active = book.activeVersion();
            return policies.propose(policyOf(book.versions().get(active).policy()), active,
                    "demo: the increase list (提额名单), limit decreases and tiers that move in force", null, "admin",
                    EventMetadata.system("demo-offers-policy"), null);
        }).chain(book -> policies.approve(book.versions().lastKey(), "admin2", "demo: four eyes",
                EventMetadata.system("demo-offers-policy"), null))
                .chain(policies::refresh)
                .chain(() -> reassessment.reassess(portfolioIds()))
                .invoke(result -> LOG.infof("Demo portfolio: %d of %d lines changed on re-assessment under the demo policy",
                        result.changed(), result.lines()))
                .chain(() -> scans.start("demo-generator", "DEMO"))
                .chain(run -> scans.completion(run.id()))
                .invoke(run -> LOG.infof("Demo portfolio: offer scan %s made %d offers", run.id(), run.offered()));
    }

    /**
     * Generates the portfolio, then the seasoned lines ({@link SeasonedLines}: a year of outcomes after an increase
     * decision, for scorecard development), from their own random sequence so the portfolio's lines stay the same
     * whatever their number; returns the number of lines.
     */
    public Uni<Integer> generate() {
        List<List<Function<java.time.Instant, CreditLineCommand>>> plans = plans(seed, count);
        List<String> ids = portfolioIds();
        Random history = new Random(~seed);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (int i = 0; i < seasoned; i++) {
            String id = SeasonedLines.id(seed, i);
            ids.add(id);
            plans.add(SeasonedLines.plan(id, i, history, today));
        }
        CommandContext context = new CommandContext("demo-generator", "SYSTEM", "demo-portfolio", null);
        return Multi.createFrom().range(0, plans.size())
                .onItem().transformToUniAndConcatenate(i -> Multi.createFrom().iterable(plans.get(i))
                        .onItem().transformToUniAndConcatenate(step -> lines.handle(ids.get(i), step.apply(clock.instant()), context)
                                .onFailure(CommandRejectedException.class).recoverWithNull())
                        .collect().last())
                .collect().asList()
                .map(List::size);
    }

    /** The portfolio's line ids (not the seasoned lines'), in the order they are generated; borrower DEMO-(10000 + i). */
    public List<String> portfolioIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new UUID(seed, i).toString());
        }
        return ids;
    }

    /**
     * The portfolio's plans, every one drawn before any is run: some steps draw from the same sequence when they run,
     * so a test that replays the demo must build them all first and then run them line by line, as {@link #generate}
     * does, to decide the same lines.
     */
    static List<List<Function<java.time.Instant, CreditLineCommand>>> plans(long seed, int count) {
        Random random = new Random(seed);
        List<List<Function<java.time.Instant, CreditLineCommand>>> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plans.add(plan(new UUID(seed, i).toString(), i, random));
        }
        return plans;
    }

    static List<Function<java.time.Instant, CreditLineCommand>> plan(String id, int index, Random random) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int monthsOnBook = 3 + random.nextInt(34);
        BigDecimal limit = BigDecimal.valueOf(5_000 + 1_000L * random.nextInt(46)).setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal income = BigDecimal.valueOf(6_000 + 500L * random.nextInt(60)).setScale(2, RoundingMode.UNNECESSARY);
        String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
        List<Function<java.time.Instant, CreditLineCommand>> steps = new ArrayList<>();
        steps.add(at -> new CreditLineCommand.OpenCreditLine(id, "DEMO-" + (10_000 + index), "XM-CASH", limit,
                Currency.getInstance("CNY"), segment, today.minusMonths(monthsOnBook), at));
        BigDecimal drawn = limit.multiply(BigDecimal.valueOf(10 + random.nextInt(80))).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
                .setScale(2, RoundingMode.UNNECESSARY);
        steps.add(at -> new CreditLineCommand.RecordDrawdown(drawn, at));
        boolean troubled = random.nextInt(10) < 2;
        int instalments = Math.min(12, monthsOnBook);
        for (int m = instalments; m >= 1; m--) {
            LocalDate due = today.minusMonths(m);
            int late = troubled && random.nextInt(4) == 0 ? 3 + random.nextInt(40) : 0;
            LocalDate paid = due.plusDays(late).isAfter(today) ? today : due.plusDays(late);
            BigDecimal amount = drawn.divide(BigDecimal.valueOf(instalments + 6L), 2, RoundingMode.HALF_EVEN);
            steps.add(at -> new CreditLineCommand.RecordRepayment(amount, due, paid, at));
        }
        YearMonth month = YearMonth.from(today);
        for (int k = 2; k >= 1; k--) {
            BigDecimal verified = income.multiply(BigDecimal.valueOf(95 + random.nextInt(11))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
            YearMonth period = month.minusMonths(k);
            IncomeSource source = k == 2 ? IncomeSource.SALARY_SLIP : IncomeSource.BANK_STATEMENT;
            steps.add(at -> new CreditLineCommand.VerifyIncome(verified, source, period, at));
        }
        if (random.nextInt(5) == 0) {
            BigDecimal value = BigDecimal.valueOf(50_000 + 10_000L * random.nextInt(30)).setScale(2, RoundingMode.UNNECESSARY);
            AssetKind kind = random.nextBoolean() ? AssetKind.VEHICLE : AssetKind.PROPERTY;
            steps.add(at -> new CreditLineCommand.ReportAssetChange(kind, AssetDirection.ACQUIRED, value, at));
        }
        List<String> negatives = random.nextInt(20) == 0 ? List.of("OVERDUE_90_ELSEWHERE") : List.of();
        int bureauScore = 560 + random.nextInt(260);
        steps.add(at -> new CreditLineCommand.ReceiveBureauReport("PBOC", "R-" + id.substring(0, 8), bureauScore, negatives,
                at.minusSeconds(3_600L * (1 + random.nextInt(48))), at));
        if (random.nextInt(3) == 0) {
            String note = NOTES[random.nextInt(NOTES.length)];
            steps.add(at -> new CreditLineCommand.RecordServiceNote(note, "CALL_CENTER", at));
        }
        if (troubled) {
            int dpd = random.nextBoolean() ? 35 : 65;
            steps.add(at -> new CreditLineCommand.ReportDelinquency(dpd, today, at));
        }
        // every fifth borrower has not asked for an increase: the offer scan (提额名单) finds those who qualify
        if (index % 5 != 4) {
            steps.add(at -> new CreditLineCommand.RequestLimitIncrease("IR-" + UUID.nameUUIDFromBytes(id.getBytes()), null,
                    "APP", "demo-borrower-" + index, at));
        }
        return steps;
    }

    /**
     * The demo's policy version 2: the shipped policy with the increase list, limit decreases and the demo's tiering in
     * force (issue 14), so a demo line that goes 60+ days past due comes down and one whose score falls under 65 moves
     * to the thin-file scheme ({@link DeteriorationPolicy}).
     */
    public static com.uplift.domain.policy.Policy policyOf(com.uplift.domain.policy.Policy base) {
        return IncreaseListPolicy.onto(DeteriorationPolicy.demoOnto(base));
    }
}
