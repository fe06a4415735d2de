package com.uplift.offers;

import com.uplift.application.BorrowerExposure;
import com.uplift.application.BulkPortfolio;
import com.uplift.application.CommandContext;
import com.uplift.application.CreditLineService;
import com.uplift.application.DemoPortfolio;
import com.uplift.application.OfferScans;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 提额名单's scan throughput, kept out of the normal run: {@code ./mvnw verify -Pbenchmark -Dit.test=OfferScanBenchmarkTest
 * [-Dbenchmark.offer-lines=10000]}. Measures lines/s of a scan over the demo portfolio and over generated lines, each
 * against a baseline measured in the same run on the same lines: one plain command append per line (a drawdown of 1.00
 * through the same command path, the same concurrency). Prints a table and writes {@code target/offer-scan-benchmark.md};
 * asserts correctness (every line scanned, none failed), never a speed.
 */
@QuarkusTest
@TestProfile(OfferScanBenchmarkTest.OwnStore.class)
@Tag("integration")
@Tag("benchmark")
class OfferScanBenchmarkTest {

    public static class OwnStore extends OwnDatabase {
    }

    /** The scan's own concurrency (uplift.offers.scan.concurrency), for the baseline too. */
    private static final int CONCURRENCY = 4;

    @Inject
    CreditLineService lines;
    @Inject
    EventStore store;
    @Inject
    Clock clock;
    @Inject
    EventTypeRegistry types;
    @Inject
    PolicyCatalog policies;
    @Inject
    BorrowerExposure exposure;
    @Inject
    OfferScans scans;

    @Test
    void measure() throws IOException {
        List<String> rows = new ArrayList<>();
        int demo = new DemoPortfolio(lines, store, clock, true, 60, 20261128L).generate().await().indefinitely();
        IncreaseList.enact();
        policies.refresh().await().indefinitely();
        rows.addAll(scanAndBaseline("demo portfolio (" + demo + " lines, dev seed)"));

        int generated = Integer.getInteger("benchmark.offer-lines", 10_000);
        long events = new BulkPortfolio(store, types, policies, exposure, clock).generate(generated, 20261130L, 16)
                .await().indefinitely();
        rows.addAll(scanAndBaseline(generated + " generated lines (+ the demo's; " + events + " events generated in bulk)"));

        String table = "| what | lines | seconds | lines/s | notes |\n|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/offer-scan-benchmark.md"), table);
    }

    private List<String> scanAndBaseline(String what) {
        List<String> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        OfferScans.Run run = scans.start("benchmark", "ADMIN").chain(started -> scans.completion(started.id()))
                .await().indefinitely();
        double scanSeconds = seconds(t0);
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.failed()).isZero();
        rows.add(row("scan: " + what, run.linesScanned(), scanSeconds, run.offered() + " offered, " + run.withdrawn()
                + " withdrawn, " + run.unchanged() + " unchanged; batches of 200, " + CONCURRENCY + " lines at once"));

        List<String> ids = lineIds();
        CommandContext context = new CommandContext("benchmark", "SYSTEM", "benchmark-baseline", null);
        long t1 = System.nanoTime();
        Multi.createFrom().iterable(ids)
                .onItem().transformToUni(id -> lines.handle(id, new CreditLineCommand.RecordDrawdown(new BigDecimal("1.00"),
                        clock.instant()), context).onFailure().recoverWithNull())
                .merge(CONCURRENCY).collect().asList().await().indefinitely();
        double baseSeconds = seconds(t1);
        rows.add(row("baseline: one drawdown per line, same path and concurrency", ids.size(), baseSeconds,
                "the scan ran at " + String.format(Locale.ROOT, "%.2f", (run.linesScanned() / scanSeconds) / (ids.size() / baseSeconds))
                        + "x the baseline's lines/s"));
        return rows;
    }

    private List<String> lineIds() {
        List<String> ids = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = store.streamIds(CreditLineStream.PREFIX, after, null, null, 1000).await().indefinitely();
            page.forEach(s -> ids.add(CreditLineStream.lineId(s)));
            if (page.size() < 1000) {
                return ids;
            }
            after = page.getLast();
        }
    }

    private static String row(String what, int count, double seconds, String notes) {
        return "| " + what + " | " + count + " | " + String.format(Locale.ROOT, "%.1f", seconds) + " | "
                + Math.round(count / seconds) + " | " + notes + " |";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
