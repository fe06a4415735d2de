package com.uplift.benchmark;

import com.uplift.application.CreditLineService;
import com.uplift.application.DemoPortfolio;
import com.uplift.eventstore.EventStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rerunnable measurement of the whole service on a synthetic portfolio, kept out of the normal test run:
 * {@code ./mvnw verify -Pbenchmark [-Dbenchmark.lines=1000]}. It prints a table and writes
 * {@code target/benchmark-results.md}. It asserts correctness (every event projected, zero mismatches, a complete
 * export), never a speed: timings are read by people and compared between runs of the same machine.
 */
@QuarkusTest
@Tag("integration")
@Tag("benchmark")
class PortfolioBenchmarkTest {

    @Inject
    CreditLineService lines;

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @Inject
    Clock clock;

    @Test
    void measure() throws IOException {
        int count = Integer.getInteger("benchmark.lines", 300);
        List<String> rows = new ArrayList<>();
        long eventsBefore = events();
        Runtime runtime = Runtime.getRuntime();

        long t0 = System.nanoTime();
        int generated = new DemoPortfolio(lines, store, clock, true, count, System.nanoTime()).generate().await().indefinitely();
        double commandSeconds = seconds(t0);
        long appended = events() - eventsBefore;
        rows.add(row("generate " + generated + " lines through the decider", commandSeconds,
                appended + " events, " + rate(appended, commandSeconds) + " events/s"));

        long t1 = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> maxLag() == 0);
        rows.add(row("projections catch up (live)", seconds(t1), "3 projections"));

        long t2 = System.nanoTime();
        as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                as("admin").get("/api/admin/projections").then().extract().jsonPath()
                        .get("find { it.name == 'credit-lines' }.buildingGeneration") == null);
        double rebuild = seconds(t2);
        rows.add(row("rebuild credit-lines from position 0", rebuild, rate(events(), rebuild) + " events/s"));

        long t3 = System.nanoTime();
        String job = as("auditor").body("{}").post("/api/audit/verifications").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                !"RUNNING".equals(as("auditor").get(job).then().extract().jsonPath().getString("status")));
        double verify = seconds(t3);
        JsonPath report = as("auditor").get(job).then().extract().jsonPath();
        long checked = report.getLong("eventsChecked");
        rows.add(row("re-verify everything (chains, every batch re-decided)", verify, checked + " events, "
                + rate(checked, verify) + " events/s, " + report.getInt("mismatchCount") + " mismatches"));

        long t4 = System.nanoTime();
        byte[] export = as("auditor").get("/api/audit/export").then().statusCode(200).extract().asByteArray();
        rows.add(row("NDJSON export of everything", seconds(t4), export.length / 1024 + " KiB"));

        long usedMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        String table = "| step | seconds | notes |\n|---|---|---|\n" + String.join("\n", rows)
                + "\n\nHeap in use at the end: " + usedMiB + " MiB (max " + runtime.maxMemory() / (1024 * 1024) + " MiB); "
                + Runtime.getRuntime().availableProcessors() + " cores.\n";
        System.out.println("\n" + table);
        Files.writeString(Path.of("target", "benchmark-results.md"), table);

        assertThat(report.getInt("mismatchCount")).isZero();
        assertThat(checked).isGreaterThanOrEqualTo(appended);
    }

    private long events() {
        return pool.query("SELECT count(*) AS n FROM events").execute().await().indefinitely().iterator().next().getLong("n");
    }

    private long maxLag() {
        return as("admin").get("/api/admin/projections").then().extract().jsonPath().<Integer>getList("lagEvents")
                .stream().mapToLong(Integer::longValue).max().orElse(0);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long rate(long count, double seconds) {
        return seconds == 0 ? 0 : Math.round(count / seconds);
    }

    private static String row(String step, double seconds, String notes) {
        return "| " + step + " | " + String.format("%.2f", seconds) + " | " + notes + " |";
    }
}
