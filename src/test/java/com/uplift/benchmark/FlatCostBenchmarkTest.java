package com.uplift.benchmark;

import com.uplift.application.CommandContext;
import com.uplift.application.CreditLineService;
import com.uplift.application.LineCache;
import com.uplift.domain.creditline.CreditLineCommand;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Api.openLine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Does a command cost the same on a long line as on a short one (issue 12, item 1)? One run measures the p50 and p90
 * of a repayment over HTTP on a line of ~10 events and one of ~1,000, alternating between them, first with the line
 * cached ({@code LineCache}), then with its entry dropped before each command (it starts from its persisted snapshot),
 * and prints their ratios. Run it again with the cache and snapshots off to see the old cost, a fold of the whole
 * stream per command:
 * <pre>
 * ./mvnw verify -Pbenchmark -Dit.test=FlatCostBenchmarkTest
 * ./mvnw verify -Pbenchmark -Dit.test=FlatCostBenchmarkTest -Duplift.lines.cache.max-lines=0 -Duplift.lines.snapshot-every=0
 * </pre>
 * It asserts what must hold whatever the speed (every command answered 200, the long line really long), never a time.
 */
@QuarkusTest
@Tag("integration")
@Tag("benchmark")
class FlatCostBenchmarkTest {

    private static final int LONG_LINE_EVENTS = 1_000;
    private static final int SAMPLES = Integer.getInteger("benchmark.samples", 200);

    @Inject
    CreditLineService lines;

    @Inject
    LineCache cache;

    @Test
    void measure() throws IOException {
        String shortLine = openLine("B-FLAT-SHORT", "20000");
        String longLine = openLine("B-FLAT-LONG", "20000");
        fill(shortLine, 10);
        fill(longLine, LONG_LINE_EVENTS);
        long shortEvents = version(shortLine);
        long longEvents = version(longLine);
        assertThat(longEvents).isGreaterThanOrEqualTo(LONG_LINE_EVENTS);

        long cacheLines = ConfigProvider.getConfig().getValue("uplift.lines.cache.max-lines", Long.class);
        long snapshotEvery = ConfigProvider.getConfig().getValue("uplift.lines.snapshot-every", Long.class);
        List<String> rows = new ArrayList<>();
        rows.add("| mode | p50 short (ms) | p50 long (ms) | ratio long/short | p90 short | p90 long |");
        rows.add("|---|---|---|---|---|---|");
        warmUp(shortLine, longLine);
        rows.add(row(cacheLines > 0 ? "cached" : "cache off", measure(shortLine, longLine, false)));
        if (cacheLines > 0) {
            rows.add(row(snapshotEvery > 0 ? "not cached: from the snapshot" : "not cached, no snapshots",
                    measure(shortLine, longLine, true)));
        }
        String table = String.join("\n", rows) + "\n\nlines of " + shortEvents + " and " + longEvents + " events at the start; "
                + SAMPLES + " repayments per line and mode; uplift.lines.cache.max-lines=" + cacheLines
                + ", uplift.lines.snapshot-every=" + snapshotEvery + "\n";
        System.out.println("\n" + table);
        Files.writeString(Path.of("target", "flat-cost-results.md"), table);
    }

    /** Raises a line to at least {@code events} events with drawdowns and repayments through the service. */
    private void fill(String id, long events) {
        CommandContext context = new CommandContext("ops", "SERVICING", "flat-cost-fill", null);
        int i = 0;
        while (version(id) < events) {
            CreditLineCommand command = i++ % 2 == 0
                    ? new CreditLineCommand.RecordDrawdown(new BigDecimal("2.00"), Instant.now())
                    : new CreditLineCommand.RecordRepayment(new BigDecimal("1.00"), paidOn(), paidOn(), Instant.now());
            lines.handle(id, command, context).await().atMost(Duration.ofSeconds(30));
        }
    }

    private long version(String id) {
        return lines.load(id).await().atMost(Duration.ofSeconds(60)).version();
    }

    private void warmUp(String shortLine, String longLine) {
        for (int i = 0; i < 30; i++) {
            repay(shortLine);
            repay(longLine);
        }
    }

    private record Timings(List<Double> shortMillis, List<Double> longMillis) {
    }

    private Timings measure(String shortLine, String longLine, boolean dropCachedLine) {
        List<Double> shortMillis = new ArrayList<>();
        List<Double> longMillis = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            if (dropCachedLine) {
                cache.forget(shortLine);
                cache.forget(longLine);
            }
            shortMillis.add(repay(shortLine));
            longMillis.add(repay(longLine));
        }
        return new Timings(shortMillis, longMillis);
    }

    /** One repayment over HTTP; its wall time in milliseconds. */
    private double repay(String id) {
        Map<String, Object> body = Map.of("amount", new BigDecimal("1.00"), "dueDate", paidOn().toString(), "paidOn", paidOn().toString());
        long start = System.nanoTime();
        as("ops").body(body).post("/api/credit-lines/" + id + "/repayments").then().statusCode(200);
        return (System.nanoTime() - start) / 1e6;
    }

    private static String row(String mode, Timings t) {
        double p50Short = percentile(t.shortMillis(), 50);
        double p50Long = percentile(t.longMillis(), 50);
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |", mode, p50Short, p50Long,
                p50Long / p50Short, percentile(t.shortMillis(), 90), percentile(t.longMillis(), 90));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Yesterday in UTC: a date every zone involved (the API's check, the policy's calendar) accepts as past. */
    private static LocalDate paidOn() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }
}
