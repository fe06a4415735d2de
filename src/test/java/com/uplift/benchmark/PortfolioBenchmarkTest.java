package com.uplift.benchmark;

import com.uplift.application.BorrowerExposure;
import com.uplift.application.BulkPortfolio;
import com.uplift.application.CreditLineService;
import com.uplift.application.PolicyCatalog;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.application.DemoPortfolio;
import com.uplift.eventstore.EventStore;
import com.uplift.readmodel.ProjectionRunner;
import com.uplift.testing.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.text.ParseException;
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

    @Inject
    EventTypeRegistry types;

    @Inject
    PolicyCatalog policies;

    @Inject
    BorrowerExposure exposure;

    @Inject
    ProjectionRunner runner;

    @Test
    void measure() throws IOException, ParseException {
        int count = Integer.getInteger("benchmark.lines", 300);
        List<String> rows = new ArrayList<>();
        long eventsBefore = events();
        Runtime runtime = Runtime.getRuntime();

        long t0 = System.nanoTime();
        int sequential = Math.min(count, Integer.getInteger("benchmark.sequential-lines", SEQUENTIAL_LINES));
        int generated = new DemoPortfolio(lines, store, clock, true, sequential, System.nanoTime()).generate().await().indefinitely();
        double commandSeconds = seconds(t0);
        long viaCommands = events() - eventsBefore;
        rows.add(row("generate " + generated + " lines command by command (CreditLineService)", commandSeconds,
                viaCommands + " events, " + rate(viaCommands, commandSeconds) + " events/s"));

        if (count > sequential) {
            long tb = System.nanoTime();
            long bulk = new BulkPortfolio(store, types, policies, exposure, clock)
                    .generate(count - sequential, System.nanoTime(), 16).await().indefinitely();
            double bulkSeconds = seconds(tb);
            rows.add(row("generate " + (count - sequential) + " more lines in bulk through the decider", bulkSeconds,
                    bulk + " events, " + rate(bulk, bulkSeconds) + " events/s (a line's history in one append, 16 lines at once)"));
        }
        long appended = events() - eventsBefore;
        long total = events();
        // After a bulk load an operator vacuums, and otherwise the autovacuum does at a moment of its own: here before
        // anything is measured, so that no vacuum of the new rows runs inside a measured step (PostgreSQL's CPU there
        // counts the autovacuum's workers too). (The two runs first cited for it, 12.9 s against 22.6 s for the same
        // rebuild statement, differed by storage: the slower one stored the log as json through a stale migration.)
        long tv = System.nanoTime();
        pool.query("VACUUM (ANALYZE) events").execute().await().indefinitely();
        rows.add(row("VACUUM (ANALYZE) events after the load (before anything is measured)", seconds(tv), total + " events"));
        String shape = storeShape();

        CpuTime cpu = CpuTime.of(pool);
        CpuTime.Reading cs = cpu.now();
        long ts = System.nanoTime();
        long scanned = pool.query("SELECT count(*) AS n, sum(octet_length(payload::text) + octet_length(metadata::text)) AS b FROM events")
                .execute().await().indefinitely().iterator().next().getLong("n");
        double scan = seconds(ts);
        long scanRate = rate(scanned, scan);
        rows.add(row("baseline: server-side scan of events (count, payload and metadata as text)", scan,
                scanned + " events, " + scanRate + " events/s; " + cpu.now().since(cs).perEvent(scanned)));

        long tr = System.nanoTime();
        long read = 0;
        for (List<RecordedEvent> page = store.readAll(Checkpoint.START, 20_000).await().indefinitely(); !page.isEmpty();
             page = store.readAll(page.getLast().checkpoint(), 20_000).await().indefinitely()) {
            read += page.size();
        }
        double readSeconds = seconds(tr);
        rows.add(row("baseline: sequential read of the log through EventStore.readAll (pages of 20,000)", readSeconds,
                read + " events, " + rate(read, readSeconds) + " events/s, " + ratio(rate(read, readSeconds), scanRate) + " of the scan"));

        long t1 = System.nanoTime();
        // by events applied, not lag: lines appended concurrently commit out of position order, and the lag in
        // positions (head minus checkpoint) can stay above 0 after the last transaction in the log's order was read
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200)).until(() -> minApplied() >= total);
        rows.add(row("projections catch up (live)", seconds(t1), "3 projections"));

        String liveRows = fingerprint();
        // -Dbenchmark.rebuilds=2: rebuild again, with the JIT warm (a run of 100,000-300,000 events is short beside its
        // compilation); the profile and the statements are of the last one
        int rebuilds = Integer.getInteger("benchmark.rebuilds", 1);
        long fallbacks = 0;
        String statements = "";
        for (int r = 1; r <= rebuilds; r++) {
            boolean last = r == rebuilds;
            HeapWatch rebuildWatch = new HeapWatch(runtime);
            rebuildWatch.start();
            // -Dbenchmark.rebuild-jfr=true: a profile of the rebuild alone (`jfr view hot-methods target/rebuild.jfr`)
            Recording profile = last && Boolean.getBoolean("benchmark.rebuild-jfr")
                    ? new Recording(Configuration.getConfiguration("profile")) : null;
            if (profile != null) {
                profile.setDestination(Path.of("target", "rebuild.jfr"));
                profile.start();
            }
            boolean counting = StatementCounts.restart(pool);
            long fallbacksBefore = runner.bulkFallbacks("credit-lines");
            CpuTime.Reading c2 = cpu.now();
            long t2 = System.nanoTime();
            as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(202);
            // polled in SQL: the HTTP status with a Groovy path took a sixth of the JVM's samples during a rebuild
            await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200)).until(() -> pool
                    .query("SELECT building_generation FROM projections WHERE name = 'credit-lines'").execute()
                    .await().indefinitely().iterator().next().getInteger(0) == null);
            double rebuild = seconds(t2);
            CpuTime.Reading rebuildCpu = cpu.now().since(c2);
            if (profile != null) {
                profile.stop();
                profile.close();
            }
            rebuildWatch.interrupt();
            long failedOver = runner.bulkFallbacks("credit-lines") - fallbacksBefore;
            fallbacks += failedOver;
            if (counting) {
                statements = statements();
            }
            rows.add(row("rebuild credit-lines from position 0 (bulk)" + (rebuilds > 1 ? ", " + r + " of " + rebuilds : ""),
                    rebuild, total + " events, " + rate(total, rebuild) + " events/s, " + ratio(rate(total, rebuild), scanRate)
                    + " of the scan; heap in use at most " + rebuildWatch.max + " MiB (sampled every 100 ms); "
                    + rebuildCpu.perEvent(total) + "; " + failedOver + " stretches applied the ordinary way"));
        }

        long heapBefore = usedHeapMiB(runtime);
        HeapWatch watch = new HeapWatch(runtime);
        watch.start();
        String rebuiltRows = fingerprint();
        rows.add(row("rebuilt rows equal the live rows before the rebuild", 0, String.valueOf(rebuiltRows.equals(liveRows))));
        // -Dbenchmark.verify=false leaves re-verification out (when only the rebuild is measured)
        boolean verifying = Boolean.parseBoolean(System.getProperty("benchmark.verify", "true"));
        JsonPath report = null;
        long checked = 0;
        if (verifying) {
            // -Dbenchmark.verify-jfr=true: a profile of the verification alone (`jfr view hot-methods target/verify.jfr`)
            Recording profile = Boolean.getBoolean("benchmark.verify-jfr") ? new Recording(Configuration.getConfiguration("profile")) : null;
            if (profile != null) {
                profile.setDestination(Path.of("target", "verify.jfr"));
                profile.start();
            }
            ThreadGroupsCpu byThread = new ThreadGroupsCpu(PortfolioBenchmarkTest::threadKind);
            byThread.start();
            CpuTime.Reading c3 = cpu.now();
            long t3 = System.nanoTime();
            String job = as("auditor").body("{}").post("/api/audit/verifications").then().statusCode(202).extract().header("Location");
            // polled in SQL (the job writes its report when it starts and when it ends): over HTTP, RestAssured's
            // filters and JsonPath took 7% of the JVM's samples during a verification, CPU the lanes compete for
            String jobId = job.substring(job.lastIndexOf('/') + 1);
            await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200)).until(() -> pool
                    .preparedQuery("SELECT status FROM audit_verifications WHERE id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(jobId))
                    .await().indefinitely().stream().anyMatch(row -> !"RUNNING".equals(row.getString(0)) && !"QUEUED".equals(row.getString(0))));
            double verify = seconds(t3);
            CpuTime.Reading verifyCpu = cpu.now().since(c3);
            java.util.Map<String, Double> threadCpu = byThread.stopAndSum();
            if (profile != null) {
                profile.stop();
                profile.close();
            }
            watch.interrupt();
            report = as("auditor").get(job).then().extract().jsonPath();
            checked = report.getLong("eventsChecked");
            double threadsSum = threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder split = new StringBuilder();
            for (java.util.Map.Entry<String, Double> kind : threadCpu.entrySet()) {
                split.append(String.format("%s %.1f s (%.1f us/event), ", kind.getKey(), kind.getValue(),
                        kind.getValue() * 1e6 / Math.max(1, checked)));
            }
            rows.add(row("re-verify everything (chains, every batch re-decided)", verify, checked + " events, "
                    + rate(checked, verify) + " events/s, " + ratio(rate(checked, verify), scanRate) + " of the scan, "
                    + report.getInt("mismatchCount") + " mismatches, "
                    + report.getInt("brokenLinkCount") + " broken links; heap in use " + heapBefore + " MiB before, at most "
                    + watch.max + " MiB during (sampled every 100 ms); " + verifyCpu.perEvent(checked) + "; JVM by thread: "
                    + split + String.format("threads that ended unread %.1f s", verifyCpu.jvm() - threadsSum)));
        } else {
            watch.interrupt();
        }

        // the test client holds the whole export in memory: -Dbenchmark.export=false for a store of a million events
        if (Boolean.parseBoolean(System.getProperty("benchmark.export", "true"))) {
            long t4 = System.nanoTime();
            byte[] export = as("auditor").get("/api/audit/export").then().statusCode(200).extract().asByteArray();
            rows.add(row("NDJSON export of everything", seconds(t4), export.length / 1024 + " KiB"));
        }

        long usedMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        String table = "| step | seconds | notes |\n|---|---|---|\n" + String.join("\n", rows)
                + "\n\nHeap in use at the end: " + usedMiB + " MiB (max " + runtime.maxMemory() / (1024 * 1024) + " MiB); "
                + "resident " + residentMiB() + " (the service and the test in one JVM; PostgreSQL apart); "
                + Runtime.getRuntime().availableProcessors() + " cores.\n"
                + "\nThe log after the load and its vacuum:\n\n" + shape
                + (statements.isEmpty() ? "" : "\nDatabase time by statement during the last rebuild (pg_stat_statements):\n\n"
                + statements);
        System.out.println("\n" + table);
        Files.writeString(Path.of("target", "benchmark-results.md"), table);

        assertThat(rebuiltRows).isEqualTo(liveRows);
        assertThat(fallbacks).as("stretches the rebuild applied the ordinary way, not in bulk").isZero();
        if (verifying) {
            assertThat(report.getInt("mismatchCount")).isZero();
            assertThat(report.getInt("brokenLinkCount")).isZero();
            assertThat(checked).isGreaterThanOrEqualTo(appended);
        }
    }

    /**
     * Lines generated command by command (the command path's figure) before the rest are generated in bulk;
     * {@code -Dbenchmark.sequential-lines=N} changes it (0 when only rebuild and verification are measured).
     */
    private static final int SEQUENTIAL_LINES = 300;

    /**
     * The kinds of thread a verification's CPU is split by, from the operating system's name of the thread (cut to 15
     * characters): its lanes, the event loops that decode rows, garbage collection, the JIT, the rest.
     */
    private static String threadKind(String name) {
        if (name.startsWith("verification-")) {
            return "lanes";
        }
        if (name.startsWith("vert.x-eventloo")) {
            return "event loops";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return "GC";
        }
        if (name.contains("CompilerThre")) {
            return "JIT";
        }
        return "other threads";
    }

    private static long usedHeapMiB(Runtime runtime) {
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    /** The most heap in use seen while it runs: whether verification's memory grows with the store. */
    private static final class HeapWatch extends Thread {
        private final Runtime runtime;
        volatile long max;

        HeapWatch(Runtime runtime) {
            this.runtime = runtime;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                max = Math.max(max, usedHeapMiB(runtime));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The statements that took the most of the database's time since {@link StatementCounts#restart}, as a table. */
    private String statements() {
        // buffers: pages the statement touched (hit in shared buffers, or read in from the system's cache or disk)
        StringBuilder table = new StringBuilder("| ms | calls | rows | buffers hit + read | statement |\n|---|---|---|---|---|\n");
        pool.query("""
                SELECT round(total_exec_time) AS ms, calls, rows, shared_blks_hit AS hit, shared_blks_read AS read,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8""").execute().await().indefinitely()
                .forEach(row -> table.append("| ").append(row.getValue("ms")).append(" | ").append(row.getLong("calls"))
                        .append(" | ").append(row.getLong("rows")).append(" | ").append(row.getLong("hit")).append(" + ")
                        .append(row.getLong("read")).append(" | `").append(row.getString("q").replace("|", "/"))
                        .append("` |\n"));
        return table.toString();
    }

    /**
     * The log as stored: its sizes, how closely its physical order follows the subscription order a rebuild reads it in
     * (pg_stats' correlation, after the ANALYZE), and by event type the count and the stored size of the payloads, and
     * how many of them PostgreSQL compressed. Two runs of the same generator whose rebuilds differ should differ here
     * if their data does.
     */
    private String storeShape() {
        StringBuilder shape = new StringBuilder();
        Row sizes = pool.query("""
                SELECT pg_relation_size('events') AS heap, pg_indexes_size('events') AS indexes,
                       coalesce(pg_relation_size(nullif(c.reltoastrelid, 0)), 0) AS toast,
                       (SELECT string_agg(attname || ' ' || round(correlation::numeric, 3), ', ' ORDER BY attname)
                        FROM pg_stats WHERE tablename = 'events' AND attname IN ('global_position', 'transaction_id')) AS correlation
                FROM pg_class c WHERE c.oid = 'events'::regclass""").execute().await().indefinitely().iterator().next();
        shape.append(String.format("heap %d MiB, TOAST %d MiB, indexes %d MiB; correlation with the physical order: %s%n%n",
                sizes.getLong("heap") >> 20, sizes.getLong("toast") >> 20, sizes.getLong("indexes") >> 20,
                sizes.getString("correlation")));
        shape.append("| event type | events | payload bytes stored (mean) | as text | metadata stored | compressed |\n"
                + "|---|---|---|---|---|---|\n");
        pool.query("""
                SELECT event_type, count(*) AS n, round(avg(pg_column_size(payload))) AS stored,
                       round(avg(octet_length(payload::text))) AS text, round(avg(pg_column_size(metadata))) AS meta,
                       count(*) FILTER (WHERE pg_column_compression(payload) IS NOT NULL) AS compressed
                FROM events GROUP BY event_type ORDER BY n DESC""").execute().await().indefinitely()
                .forEach(row -> shape.append("| ").append(row.getString("event_type")).append(" | ").append(row.getLong("n"))
                        .append(" | ").append(row.getValue("stored")).append(" | ").append(row.getValue("text"))
                        .append(" | ").append(row.getValue("meta")).append(" | ").append(row.getLong("compressed"))
                        .append(" |\n"));
        if (Boolean.getBoolean("benchmark.sample")) {
            pool.query("SELECT payload::text AS p, metadata::text AS m FROM events WHERE event_type = 'RiskAssessed' LIMIT 1")
                    .execute().await().indefinitely().forEach(row -> shape.append("\n").append(row.getString("p"))
                            .append("\n").append(row.getString("m")).append("\n"));
        }
        return shape.toString();
    }

    /** A digest of every live credit-line row (without its key and generation), to compare a rebuild with. */
    private String fingerprint() {
        return pool.query("""
                SELECT count(*) || ':' || md5(string_agg((to_jsonb(v) - 'id' - 'generation')::text, ',' ORDER BY credit_line_id)) AS f
                FROM credit_line_view v
                WHERE generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')""")
                .execute().await().indefinitely().iterator().next().getString("f");
    }

    private long events() {
        return pool.query("SELECT count(*) AS n FROM events").execute().await().indefinitely().iterator().next().getLong("n");
    }

    private long minApplied() {
        return as("admin").get("/api/admin/projections").then().extract().jsonPath().<Number>getList("eventsApplied")
                .stream().mapToLong(Number::longValue).min().orElse(0);
    }

    /** This JVM's resident memory (VmRSS, and its peak VmHWM), as Linux reports it. */
    private static String residentMiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "not reported on this system";
        }
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB";
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB";
            }
        }
        return rss + " (peak " + peak + ")";
    }

    private static String ratio(long rate, long baseline) {
        return baseline == 0 ? "?" : String.format("%.2f", (double) rate / baseline);
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
