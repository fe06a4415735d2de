package com.uplift.benchmark;

import com.uplift.application.PolicyCatalog;
import com.uplift.audit.StreamAnchors;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.PackagedInstance;
import com.uplift.testing.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path against its raw limit (issue 12), in one run on one database: single-row inserts into an
 * events-shaped table at concurrency 32, then the packaged service over HTTP at concurrency 32 across 1,000 lines
 * (with {@code -Xmx256m}), their ratio (against the raw inserts measured again right before and right after the
 * load); a command's p50 on a line of 10 events against one of 1,000; 64 concurrent
 * commands on one line without If-Match; the service's resident memory; then the audit's re-verification of
 * everything the run wrote. Run with {@code ./mvnw verify -Pbenchmark -Dit.test=WritePathBenchmarkTest}; it prints a
 * table and writes {@code target/write-path-benchmark.md}. It asserts correctness only (HTTP/1.1 on as many
 * connections as loops, the hot line's versions contiguous, the verification clean over every event), never a speed.
 * <p>
 * The load comes from a Vert.x HTTP client on an event loop of its own, HTTP/1.1 with one keep-alive connection per
 * loop, as wrk drives a server: the JDK's client, used before, asks for an h2c upgrade on {@code http://}, which the
 * service accepts, so the 32 "concurrent" requests shared one HTTP/2 connection and one of the service's event loops
 * carried the whole load, while the client itself spent a good share of the same 2 cores. The generator's own CPU
 * per request is reported beside the service's.
 * <p>
 * Every process's CPU is reported per insert and per command (the service, this JVM, the generator, PostgreSQL's
 * postmaster and backends, {@link CpuTime}), with the ceiling that cost puts on the machine's cores beside the
 * measured rate: that, not the rate on a shared machine, says whether a ratio is reachable here. The flat cost
 * reads each command's CPU in the service and PostgreSQL to the nanosecond ({@link ProcessCpu}).
 */
@QuarkusTest
@Tag("integration")
@Tag("benchmark")
@TestProfile(WritePathBenchmarkTest.OwnStore.class)
class WritePathBenchmarkTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final int CONCURRENCY = 32;
    private static final int HOT_LINE_COMMANDS = 64;
    private static final int LINES = Integer.getInteger("benchmark.write.lines", 1000);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmark.write.seconds", 20));
    /**
     * Repayments before the measured load: long enough for the JIT to have compiled the command path in both JVMs
     * (after 5 s, the service's C2 compiler thread still took a third as much CPU per command as its event loops on a
     * loaded machine, which is warm-up, not what a command costs).
     */
    private static final Duration LOAD_WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.write.warm-up-seconds", 20));
    /**
     * The warm-up goes on, a slice at a time, until the service's JIT compilers took less than {@link #JIT_SETTLED} of
     * its CPU in the last slice (or for at most this long): on 2 cores shared with PostgreSQL and this JVM, C2 was still
     * 40% of the service's CPU after 20 s (257 us per command at 20:25 UTC on 2026-11-30), compiling the request path
     * for the first time, which a service that has run for an hour no longer pays.
     */
    private static final Duration LOAD_WARM_UP_MAX = Duration.ofSeconds(Integer.getInteger("benchmark.write.warm-up-max-seconds", 120));
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(5);
    private static final double JIT_SETTLED = 0.10;
    /** Before each floor: the requests it sends are a part of the command path, compiled already. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration IDLE = Duration.ofSeconds(10);
    /**
     * Raw inserts before the measured ones: the insert loop runs in this JVM, which starts cold, so without it the JIT
     * compiling the loop's path counted as its cost (0.092 ms of this JVM's CPU per insert in a cold run at 23:37 UTC
     * on 2026-11-30 against 0.060-0.065 in warmer ones), a slower baseline that flattered the ratio.
     */
    private static final Duration RAW_WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.write.raw-warm-up-seconds", 10));
    /**
     * The raw inserts right before and right after the measured load, for the ratio: measured only before the service
     * started, two minutes before the load, the baseline saw another moment of this shared machine, whose speed moved
     * by a fifth within minutes (the same code's CPU per repayment 0.77-1.09 ms within half an hour on 2026-12-01).
     */
    private static final Duration RAW_AROUND = Duration.ofSeconds(Integer.getInteger("benchmark.write.raw-around-seconds", 10));
    /** Repayments per line in the flat-cost comparison, after as many again per line to warm up (not counted). */
    private static final int FLAT_COST_COMMANDS = Integer.getInteger("benchmark.write.flat-cost-commands", 300);
    private static final int FLAT_COST_WARM_UP = 50;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
    private static final String CHANNEL = "Basic " + Base64.getEncoder().encodeToString("channel:channel".getBytes(StandardCharsets.UTF_8));
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    private static final String REPAYMENT = "{\"amount\":10.00,\"dueDate\":\"" + TODAY + "\",\"paidOn\":\"" + TODAY + "\"}";

    @Inject
    Pool pool;

    record Run(long ok, long errors, double seconds, List<Long> latenciesMicros) {

        double perSecond() {
            return ok / seconds;
        }

        long percentileMillis(double p) {
            return Math.round(percentileMicros(p) / 1000.0);
        }

        /** Microseconds, so that a ratio of two fast p50s is not an artefact of whole milliseconds. */
        long percentileMicros(double p) {
            if (latenciesMicros.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }
    }

    /** An answer: its status and the HTTP version it came in. */
    record Answer(int status, HttpVersion version, String location) {
    }

    /**
     * The load generator: HTTP/1.1, keep-alive, at most {@code connections} connections, on one event loop of a Vert.x
     * of its own (not the test application's), whose CPU time is the generator's cost.
     */
    static final class LoadGenerator implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        private final HttpClient client;
        private final AtomicInteger connections = new AtomicInteger();
        private final long eventLoopThread;

        LoadGenerator(URI base, int connections) {
            this.client = vertx.httpClientBuilder()
                    .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                            .setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setConnectTimeout(5000))
                    .with(new PoolOptions().setHttp1MaxSize(connections))
                    .withConnectHandler(connection -> this.connections.incrementAndGet())
                    .build();
            CompletableFuture<Long> thread = new CompletableFuture<>();
            vertx.runOnContext(ignored -> thread.complete(Thread.currentThread().threadId()));
            this.eventLoopThread = thread.join();
        }

        CompletionStage<Answer> post(String path, String body, String authorization) {
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI(path).setTimeout(30_000)
                    .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json");
            return client.request(request)
                    .compose(sent -> sent.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(ignored ->
                            new Answer(response.statusCode(), response.version(), response.getHeader("Location"))))
                    .toCompletionStage();
        }

        CompletionStage<Answer> get(String path, String authorization) {
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setTimeout(30_000);
            if (authorization != null) {
                request.putHeader("Authorization", authorization);
            }
            return client.request(request)
                    .compose(sent -> sent.send())
                    .compose(response -> response.body().map(ignored ->
                            new Answer(response.statusCode(), response.version(), response.getHeader("Location"))))
                    .toCompletionStage();
        }

        Answer postAndWait(String path, String body, String authorization) {
            return post(path, body, authorization).toCompletableFuture().join();
        }

        /** Connections opened so far. */
        int connections() {
            return connections.get();
        }

        /** CPU time of the generator's event loop so far. */
        Duration cpu() {
            return Duration.ofNanos(THREADS.getThreadCpuTime(eventLoopThread));
        }

        /** Closes the connections and the event loop, waiting at most 10 s (closing never decides a figure). */
        @Override
        public void close() throws Exception {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException slow) {
                // its threads are daemons and the test JVM ends after the run
            }
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void measure() throws Exception {
        List<String> rows = new ArrayList<>();
        // PostgreSQL's processes and this JVM, in ticks over each phase (precise enough over seconds)
        CpuTime clocks = CpuTime.of(pool);
        Supplier<CompletionStage<Boolean>> rawInsert = rawInsert();
        timed(RAW_WARM_UP, rawInsert);
        Map<Long, String> clients = Map.of(ProcessHandle.current().pid(), "the test JVM");
        DatabaseProcesses.Snapshot rawProcessesBefore = DatabaseProcesses.take(clocks.postmaster(), clients);
        CpuTime.Reading rawBefore = clocks.now();
        Run raw = timed(RUN, rawInsert);
        CpuTime.Reading rawCpu = clocks.now().since(rawBefore);
        String rawProcesses = DatabaseProcesses.perCommand(rawProcessesBefore,
                DatabaseProcesses.take(clocks.postmaster(), clients), raw.ok());
        rows.add("| raw limit: single-row inserts, concurrency " + CONCURRENCY + ", after " + RAW_WARM_UP.toSeconds()
                + " s of them to warm up, before the service started | " + Math.round(raw.perSecond())
                + " /s | p50 " + raw.percentileMillis(0.5) + " ms, p99 " + raw.percentileMillis(0.99) + " ms | " + raw.errors() + " |");
        double rawDatabase = rawCpu.database() * 1000 / raw.ok();
        double rawLoop = rawCpu.jvm() * 1000 / raw.ok();
        rows.add(("| CPU per raw insert: PostgreSQL (postmaster and backends) + the test JVM (the insert loop) | %.3f ms"
                + " | %.3f + %.3f ms; %d cores at that cost: a ceiling of %.0f inserts/s (measured %.0f) | |")
                .formatted(rawDatabase + rawLoop, rawDatabase, rawLoop, CORES, ceiling(rawDatabase + rawLoop), raw.perSecond()));
        rows.add("| PostgreSQL's CPU per raw insert by process (ms; backends by the client whose connection they serve) | | "
                + rawProcesses + " | |");

        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        if (Boolean.getBoolean("benchmark.jfr")) {
            // a profile of the service through the whole run: `jfr view hot-methods target/write-path-benchmark.jfr`
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256"); // reactive stacks run deeper than the default 64
            // samples attributed to the frame that was running, not to the nearest safepoint of the compiled code around
            // it (without, a 17 ns call inlined into a hot loop showed as 4.9% of the samples)
            jvm.add("-XX:+UnlockDiagnosticVMOptions");
            jvm.add("-XX:+DebugNonSafepoints");
            jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of("target", "write-path-benchmark.jfr").toAbsolutePath());
        }
        try (PackagedInstance service = PackagedInstance.start("write-path-benchmark", PackagedInstance.sharingThisDatabase(),
                jvm, Duration.ofSeconds(180));
             LoadGenerator http = new LoadGenerator(service.uri(), CONCURRENCY)) {
            List<String> lines = openLines(http, LINES);
            Map<HttpVersion, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();
            String warmUp = warmUp(http, service.pid(), lines, versions);
            // the projections read what the warm-up wrote before anything is measured
            long[] warmUpCaughtUp = awaitProjectionsCaughtUp();
            // what the service spends with no request at all (schedules, the Kafka consumer's polls, projections'
            // polls), so that the CPU per command can also be given net of it
            Duration idleBefore = cpu(service.pid());
            Map<String, Long> idleThreadsBefore = ProcessCpu.byThreadName(service.pid());
            long idleStart = System.nanoTime();
            Thread.sleep(IDLE.toMillis());
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
            double idleCpuPerSecond = cpu(service.pid()).minus(idleBefore).toNanos() / idleSeconds;
            String idleThreads = busiest(idleThreadsBefore, ProcessCpu.byThreadName(service.pid()), idleSeconds);
            // the raw inserts again right before the load and right after it (below): the same moments of a shared
            // machine as the load, whose speed moved by a fifth within minutes (docs/benchmarks.md, stops 26-28)
            Run rawJustBefore = timed(RAW_AROUND, rawInsert);
            Duration cpuBefore = cpu(service.pid());
            Duration generatorBefore = http.cpu();
            Duration testJvmBefore = cpu(ProcessHandle.current().pid());
            boolean counting = StatementCounts.restart(pool);
            Map<String, long[]> tableWritesBefore = tableWrites();
            Map<Long, String> clientsNow = Map.of(service.pid(), "the service", ProcessHandle.current().pid(), "the test JVM");
            DatabaseProcesses.Snapshot processesBefore = DatabaseProcesses.take(clocks.postmaster(), clientsNow);
            CpuTime.Reading clocksBefore = clocks.now();
            Map<String, Long> serviceThreadsBefore = ProcessCpu.byThreadName(service.pid());
            Map<String, Long> testJvmThreadsBefore = ProcessCpu.byThreadName(ProcessHandle.current().pid());
            // -Dbenchmark.test-jvm-jfr=true: a profile of this JVM (the projections as their leader, the Kafka publisher
            // and broker) during the measured load alone: `jfr view hot-methods target/write-path-test-jvm.jfr`
            Recording testJvmProfile = Boolean.getBoolean("benchmark.test-jvm-jfr")
                    ? new Recording(Configuration.getConfiguration("profile")) : null;
            if (testJvmProfile != null) {
                testJvmProfile.setDestination(Path.of("target", "write-path-test-jvm.jfr"));
                testJvmProfile.start();
            }
            Instant loadStarted = Instant.now();
            Run commands;
            try {
                commands = load(http, RUN, i -> lines.get(ThreadLocalRandom.current().nextInt(lines.size())), versions);
            } finally {
                if (testJvmProfile != null) {
                    testJvmProfile.stop();
                    testJvmProfile.close();
                }
            }
            Instant loadEnded = Instant.now();
            String serviceThreads = busiestPerCommand(serviceThreadsBefore, ProcessCpu.byThreadName(service.pid()), commands.ok());
            String testJvmThreads = busiestPerCommand(testJvmThreadsBefore,
                    ProcessCpu.byThreadName(ProcessHandle.current().pid()), commands.ok());
            Duration cpuUsed = cpu(service.pid()).minus(cpuBefore);
            Duration generatorUsed = http.cpu().minus(generatorBefore);
            Duration testJvmUsed = cpu(ProcessHandle.current().pid()).minus(testJvmBefore);
            double databaseUsed = clocks.now().since(clocksBefore).database();
            String databaseProcesses = DatabaseProcesses.perCommand(processesBefore,
                    DatabaseProcesses.take(clocks.postmaster(), clientsNow), commands.ok());
            // The projections' work on what the load wrote is part of a command's cost even when it ends after the
            // load: what they had left to read when it ended, how long they took to read it, and the CPU every process
            // spent meanwhile (the service idles then, so its share is mostly its idle cost).
            long[] caughtUp = awaitProjectionsCaughtUp();
            Duration cpuUsedToCatchUp = cpu(service.pid()).minus(cpuBefore);
            Duration testJvmUsedToCatchUp = cpu(ProcessHandle.current().pid()).minus(testJvmBefore);
            double databaseUsedToCatchUp = clocks.now().since(clocksBefore).database();
            String statements = counting ? statements(commands.ok()) : "";
            Thread.sleep(STATISTICS_FLUSHED.toMillis()); // an idle backend reports its table counts within 10 s
            String writes = tableWritesPerCommand(tableWritesBefore, tableWrites(), commands.ok());
            long[] memory = service.residentKiB();
            Run rawJustAfter = timed(RAW_AROUND, rawInsert);
            double rawAround = (rawJustBefore.ok() + rawJustAfter.ok()) / (rawJustBefore.seconds() + rawJustAfter.seconds());
            assertThat(versions.keySet()).as("every answer came over HTTP/1.1").containsOnly(HttpVersion.HTTP_1_1);
            assertThat(http.connections()).as("one keep-alive connection per loop").isEqualTo(CONCURRENCY);
            rows.add("| the service: repayments over HTTP/1.1, " + CONCURRENCY + " keep-alive connections, concurrency " + CONCURRENCY
                    + " across " + LINES + " lines | " + Math.round(commands.perSecond()) + " /s | p50 " + commands.percentileMillis(0.5)
                    + " ms, p99 " + commands.percentileMillis(0.99) + " ms | " + commands.errors() + " |");
            rows.add(("| raw limit around the load: single-row inserts as above, %d s right before the load and %d s right after"
                    + " it (the service running, idle) | %.0f /s | before %.0f /s, after %.0f /s; errors | %d |")
                    .formatted(RAW_AROUND.toSeconds(), RAW_AROUND.toSeconds(), rawAround, rawJustBefore.perSecond(),
                            rawJustAfter.perSecond(), rawJustBefore.errors() + rawJustAfter.errors()));
            rows.add(("| **ratio** service / raw (the raw limit around the load) | %.3f | target >= 0.25; against the raw"
                    + " limit measured before the service started: %.3f | |")
                    .formatted(commands.perSecond() / rawAround, commands.perSecond() / raw.perSecond()));
            // the service's own CPU per command depends far less on what else the machine runs than commands/s does
            Duration idleShare = Duration.ofNanos(Math.round(idleCpuPerSecond * commands.seconds()));
            rows.add(("| service CPU per command (user + system of its process during that load) | %.2f ms | %.1f s over %d commands;"
                    + " net of what it spends idle (%.0f ms/s over %.0f s before the load) %.2f ms | |")
                    .formatted(perCommand(cpuUsed, commands), cpuUsed.toMillis() / 1000.0, commands.ok(),
                            idleCpuPerSecond / 1e6, IDLE.toSeconds() * 1.0, perCommand(cpuUsed.minus(idleShare), commands)));
            rows.add("| the service idle, by thread (ms of CPU per second, the busiest) | %.0f ms/s | %s | |"
                    .formatted(idleCpuPerSecond / 1e6, idleThreads));
            double serviceMs = perCommand(cpuUsed, commands);
            double generatorMs = perCommand(generatorUsed, commands);
            double testJvmMs = perCommand(testJvmUsed.minus(generatorUsed), commands);
            double postgresMs = databaseUsed * 1000 / Math.max(1, commands.ok());
            double totalMs = serviceMs + testJvmMs + generatorMs + postgresMs;
            rows.add(("| CPU per command, every process: the service + the test JVM (projections as their leader, Kafka publisher"
                    + " and broker) + the load generator + PostgreSQL | %.2f ms | %.2f + %.2f + %.2f + %.2f ms; %d cores at that cost:"
                    + " a ceiling of %.0f commands/s (measured %.0f); ratio to raw at that ceiling %.3f | |")
                    .formatted(totalMs, serviceMs, testJvmMs, generatorMs, postgresMs, CORES, ceiling(totalMs),
                            commands.perSecond(), ceiling(totalMs) / raw.perSecond()));
            rows.add("| PostgreSQL's CPU per command by process (ms; backends by the client whose connection they serve: the"
                    + " service appends and reads lines, the test JVM runs the projections and the publisher) | | "
                    + databaseProcesses + " | |");
            double caughtUpMs = perCommand(cpuUsedToCatchUp, commands) + perCommand(testJvmUsedToCatchUp.minus(generatorUsed), commands)
                    + generatorMs + databaseUsedToCatchUp * 1000 / Math.max(1, commands.ok());
            rows.add(("| the projections when the load ended: events left to read (the most behind), and the time until all"
                    + " had read them | %d events | caught up %.1f s later (after the warm-up: %d events, %.1f s); CPU per command,"
                    + " every process, until then: **%.2f ms** (%.2f + %.2f + %.2f + %.2f ms); 2 cores at that cost: a ceiling of"
                    + " %.0f commands/s, ratio to raw %.3f | |")
                    .formatted(caughtUp[0], caughtUp[1] / 1000.0, warmUpCaughtUp[0], warmUpCaughtUp[1] / 1000.0, caughtUpMs,
                            perCommand(cpuUsedToCatchUp, commands), perCommand(testJvmUsedToCatchUp.minus(generatorUsed), commands),
                            generatorMs, databaseUsedToCatchUp * 1000 / Math.max(1, commands.ok()), ceiling(caughtUpMs),
                            ceiling(caughtUpMs) / raw.perSecond()));
            rows.add(("| load generator CPU per request (its event loop; the test JVM, which also runs the projections as their"
                    + " leader and the raw loop's pool, %.2f ms) | %.2f ms | %.1f s over %d requests, %d connections | |")
                    .formatted(perCommand(testJvmUsed, commands), perCommand(generatorUsed, commands),
                            generatorUsed.toMillis() / 1000.0, commands.ok() + commands.errors(), http.connections()));
            rows.add(warmUp);
            rows.add("| measured load window (UTC, for a JFR profile: `-Dbenchmark.jfr=true`) | " + loadStarted + " | " + loadEnded + " | |");
            rows.add("| the service under that load, by thread (us of CPU per command, the busiest) | | " + serviceThreads + " | |");
            rows.add("| the test JVM under that load, by thread (us of CPU per command, the busiest: event loops run the"
                    + " projections, kafka threads the broker and the publisher's producer) | | " + testJvmThreads + " | |");

            statementsDuringLoad = statements + writes;
            rows.addAll(floors(http, service.pid(), clocks, lines, raw, totalMs));
            String shortLine = openLines(http, 1).getFirst();
            String longLine = openLines(http, 1).getFirst();
            sequential(http, shortLine, 9);
            sequential(http, longLine, 999);
            // alternating, so that both lines see the same moments of a shared machine; warmed up the same way first
            alternating(http, service.pid(), List.of(), shortLine, longLine, FLAT_COST_WARM_UP);
            List<Long> database = ProcessCpu.withChildren(clocks.postmaster());
            Instant flatStarted = Instant.now();
            FlatCost[] alternated = alternating(http, service.pid(), database, shortLine, longLine, FLAT_COST_COMMANDS);
            Instant flatEnded = Instant.now();
            FlatCost onShort = alternated[0];
            FlatCost onLong = alternated[1];
            rows.add(("| flat cost: p50 of a repayment on a line of ~1,000 events / ~10 events (sequential, alternating, %d each)"
                    + " | %.2f | %.2f ms / %.2f ms (target <= 1.2) | %d |")
                    .formatted(FLAT_COST_COMMANDS, ratio(onLong.latencyMicros(), onShort.latencyMicros()),
                            p50(onLong.latencyMicros()) / 1000.0, p50(onShort.latencyMicros()) / 1000.0,
                            onLong.errors() + onShort.errors()));
            rows.add(("| flat cost: p50 of the service's CPU per command, long / short (its threads' scheduler time, to the"
                    + " nanosecond) | %.2f | %.3f ms / %.3f ms; mean %.3f / %.3f ms; PostgreSQL per command (every backend,"
                    + " so also the projections' reads the previous command woke) mean %.3f / %.3f ms | |")
                    .formatted(ratio(onLong.serviceNanos(), onShort.serviceNanos()), p50(onLong.serviceNanos()) / 1e6,
                            p50(onShort.serviceNanos()) / 1e6, mean(onLong.serviceNanos()) / 1e6,
                            mean(onShort.serviceNanos()) / 1e6, mean(onLong.databaseNanos()) / 1e6,
                            mean(onShort.databaseNanos()) / 1e6));
            rows.add("| flat-cost window (UTC, for a JFR profile) | " + flatStarted + " | " + flatEnded + " | |");

            String hot = openLines(http, 1).getFirst();
            long before = version(hot);
            Map<Integer, Integer> statuses = new HashMap<>();
            // as many connections as commands, so that all of them are in flight at once
            try (LoadGenerator burst = new LoadGenerator(service.uri(), HOT_LINE_COMMANDS)) {
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < HOT_LINE_COMMANDS; i++) {
                    answers.add(burst.post("/api/credit-lines/" + hot + "/repayments", REPAYMENT, OPS).toCompletableFuture());
                }
                for (CompletableFuture<Answer> answer : answers) {
                    statuses.merge(answer.join().status(), 1, Integer::sum);
                }
            }
            long after = version(hot);
            long stored = count(hot);
            rows.add("| hot line: " + HOT_LINE_COMMANDS + " concurrent repayments on one line without If-Match | " + statuses.getOrDefault(200, 0)
                    + " accepted | statuses " + statuses + ", versions " + before + " -> " + after + " | |");
            assertThat(stored).as("the hot line's versions are contiguous").isEqualTo(after);
            rows.add("| footprint: the service with -Xmx256m after the load | " + memory[0] / 1024 + " MiB resident | peak "
                    + memory[1] / 1024 + " MiB | |");
            rows.add(verifiedEverything(service.uri()));
        }

        String table = "| what | result | detail | errors |\n|---|---|---|---|\n" + String.join("\n", rows) + "\n"
                + (statementsDuringLoad.isEmpty() ? "" : "\nThe database's statements during the measured load"
                + " (pg_stat_statements, every process on this database; execution time only, not parsing, planning or"
                + " the protocol):\n\n" + statementsDuringLoad);
        System.out.println("\n" + table);
        Files.writeString(Path.of("target", "write-path-benchmark.md"), table);
    }

    private String statementsDuringLoad = "";

    /**
     * The audit's re-verification of everything this run wrote, through the service as an auditor would ask for it:
     * every hash chain walked and every recorded batch re-decided. What the load wrote was appended in groups of
     * several lines' commands per statement, and the hot line's commands queued behind each other: a chain linked
     * wrongly or a decision that does not replay fails the run, whatever its speed.
     */
    private String verifiedEverything(URI service) throws InterruptedException {
        String auditor = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8));
        // the policy book's and the anchors' chains are walked in every run but not counted in eventsChecked
        long stored = pool.preparedQuery("SELECT count(*) AS n FROM events WHERE stream_id <> $1 AND stream_id <> $2")
                .execute(Tuple.of(PolicyCatalog.STREAM, StreamAnchors.STREAM))
                .await().indefinitely().iterator().next().getLong("n");
        long started = System.nanoTime();
        String job = RestAssured.given().baseUri(service.toString()).header("Authorization", auditor)
                .contentType("application/json").body("{}").post("/api/audit/verifications")
                .then().statusCode(202).extract().header("Location");
        JsonPath report;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        do {
            Thread.sleep(500);
            report = RestAssured.given().baseUri(service.toString()).header("Authorization", auditor)
                    .get(job).then().statusCode(200).extract().jsonPath();
        } while (report.get("clean") == null && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(report.getString("status")).as("the verification finished: %s", report.prettify()).isEqualTo("COMPLETED");
        assertThat(report.getLong("mismatchCount")).as("decisions that do not replay").isZero();
        assertThat(report.getLong("brokenLinkCount")).as("broken hash-chain links").isZero();
        assertThat(report.getLong("eventsChecked")).as("every event written before the verification was checked")
                .isGreaterThanOrEqualTo(stored);
        assertThat(report.getBoolean("clean")).as("no anchor problem either: %s", report.prettify()).isTrue();
        return ("| audit: re-verification of everything this run wrote (`POST /api/audit/verifications` as an auditor:"
                + " every chain walked, every batch re-decided) | clean | %d events of %d lines, %d batches, %d decisions in"
                + " %.1f s; %d mismatches, %d broken links | |").formatted(report.getLong("eventsChecked"), report.getLong("linesChecked"), report.getLong("batchesChecked"),
                report.getLong("decisionsChecked"), seconds, report.getLong("mismatchCount"), report.getLong("brokenLinkCount"));
    }

    private static final Duration STATISTICS_FLUSHED = Duration.ofSeconds(11);
    private static final String WAL = " wal";

    /**
     * What a request costs on this stack before any command, measured like the commands (same generator, concurrency,
     * duration and lines, every process's CPU): {@code GET /api/credit-lines/{id}} of the same lines, which is a
     * command's path without its decision, its append and what the append wakes (authentication, routing, the line
     * from the service's memory checked against its stream's tail by one indexed read that finds nothing new, JSON
     * out); and the same request without credentials, answered 401 by the security layer (routing and the HTTP
     * exchange only). A command does all of the first and more, so each one's ratio to the raw inserts bounds what any
     * command can reach on this stack and this machine.
     */
    private List<String> floors(LoadGenerator http, long servicePid, CpuTime clocks, List<String> lines, Run raw,
                                double commandMs) {
        List<String> rows = new ArrayList<>();
        rows.addAll(floor("a line read back (GET of a line: authentication, routing, the line from memory checked against"
                + " its stream's tail, JSON out)", 200, OPS, http, servicePid, clocks, lines, raw, commandMs));
        rows.addAll(floor("the same GET without credentials (401 from the security layer: the HTTP exchange and routing"
                + " only)", 401, null, http, servicePid, clocks, lines, raw, commandMs));
        return rows;
    }

    private List<String> floor(String what, int status, String authorization, LoadGenerator http, long servicePid,
                               CpuTime clocks, List<String> lines, Run raw, double commandMs) {
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        Supplier<CompletionStage<Boolean>> request = () -> http.get("/api/credit-lines/"
                        + lines.get(ThreadLocalRandom.current().nextInt(lines.size())), authorization)
                .thenApply(answer -> {
                    statuses.merge(answer.status(), 1, Integer::sum);
                    return answer.status() == status;
                });
        timed(WARM_UP, request);
        statuses.clear();
        Duration serviceBefore = cpu(servicePid);
        Duration generatorBefore = http.cpu();
        Duration testJvmBefore = cpu(ProcessHandle.current().pid());
        CpuTime.Reading clocksBefore = clocks.now();
        Instant started = Instant.now();
        Run requests = timed(RUN, request);
        Instant ended = Instant.now();
        double serviceMs = perCommand(cpu(servicePid).minus(serviceBefore), requests);
        Duration generatorUsed = http.cpu().minus(generatorBefore);
        double generatorMs = perCommand(generatorUsed, requests);
        double testJvmMs = perCommand(cpu(ProcessHandle.current().pid()).minus(testJvmBefore).minus(generatorUsed), requests);
        double postgresMs = clocks.now().since(clocksBefore).database() * 1000 / Math.max(1, requests.ok());
        double totalMs = serviceMs + testJvmMs + generatorMs + postgresMs;
        assertThat(statuses.keySet()).as(what + ": every answer " + status).containsOnly(status);
        return List.of(
                ("| floor: %s, same generator, concurrency %d | %d /s | p50 %d ms, p99 %d ms; **ratio to raw %.3f** | %d |")
                        .formatted(what, CONCURRENCY, Math.round(requests.perSecond()), requests.percentileMillis(0.5),
                                requests.percentileMillis(0.99), requests.perSecond() / raw.perSecond(), requests.errors()),
                ("| floor: CPU per request of that kind, every process (service + test JVM + generator + PostgreSQL) | %.2f ms"
                        + " | %.2f + %.2f + %.2f + %.2f ms; %d cores at that cost: a ceiling of %.0f/s, ratio to raw %.3f;"
                        + " a repayment costs %.2f ms, %.1f of these | |").formatted(totalMs, serviceMs, testJvmMs,
                        generatorMs, postgresMs, CORES, ceiling(totalMs), ceiling(totalMs) / raw.perSecond(), commandMs,
                        commandMs / totalMs),
                "| that floor's window (UTC, for a JFR profile) | " + started + " | " + ended + " | |");
    }

    /**
     * The statements run on this database since {@link StatementCounts#restart}, the most time-consuming first: calls and
     * rows per command, so that what each command costs the database can be read statement by statement.
     */
    private String statements(long commands) {
        StringBuilder table = new StringBuilder("| ms | calls | calls per command | rows per call | buffers per call | statement |\n|---|---|---|---|---|---|\n");
        long[] total = new long[2];
        pool.query("""
                SELECT ms, calls, rows, blocks,
                       -- the reads of the log share a long column list: show what follows it
                       CASE WHEN position(' FROM ' IN q) > 60 THEN left(q, 60) || ' ... ' || left(substr(q, position(' FROM ' IN q)), 140)
                            ELSE left(q, 200) END AS q
                FROM (SELECT round(total_exec_time) AS ms, calls, rows, shared_blks_hit + shared_blks_read AS blocks,
                             regexp_replace(query, '\\s+', ' ', 'g') AS q, dbid, query, total_exec_time
                      FROM pg_stat_statements) s WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT LIKE '%pg_stat_statements%'
                ORDER BY total_exec_time DESC""").execute().await().indefinitely()
                .forEach(row -> {
                    long calls = row.getLong("calls");
                    total[0] += calls;
                    total[1] += ((Number) row.getValue("ms")).longValue();
                    if (table.length() < 9_000) {
                        table.append("| ").append(row.getValue("ms")).append(" | ").append(calls)
                                .append(" | %.2f | %.1f | %.1f | `".formatted(calls / (double) Math.max(1, commands),
                                        row.getLong("rows") / (double) Math.max(1, calls),
                                        row.getLong("blocks") / (double) Math.max(1, calls)))
                                .append(row.getString("q").replace("|", "/")).append("` |\n");
                    }
                });
        table.append("| **%d** | **%d** | **%.2f** | | | all statements |\n".formatted(total[1], total[0],
                total[0] / (double) Math.max(1, commands)));
        return table.toString();
    }

    /**
     * Rows written per table (inserted, updated, of which heap-only: no index touched), from the statistics PostgreSQL
     * keeps per table. An update that is not heap-only writes an entry into every index of its table.
     */
    private Map<String, long[]> tableWrites() {
        Map<String, long[]> writes = new java.util.TreeMap<>();
        pool.query("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, autovacuum_count, autoanalyze_count"
                        + " FROM pg_stat_user_tables")
                .execute().await().indefinitely().forEach(row -> writes.put(row.getString("relname"), new long[]{
                        row.getLong("n_tup_ins"), row.getLong("n_tup_upd"), row.getLong("n_tup_hot_upd"), row.getLong("n_tup_del"),
                        row.getLong("autovacuum_count"), row.getLong("autoanalyze_count")}));
        pool.query("SELECT wal_records, wal_fpi, wal_bytes::bigint AS wal_bytes FROM pg_stat_wal").execute().await().indefinitely()
                .forEach(row -> writes.put(WAL, new long[]{row.getLong("wal_records"), row.getLong("wal_fpi"),
                        row.getLong("wal_bytes"), 0, 0, 0}));
        return writes;
    }

    private static String tableWritesPerCommand(Map<String, long[]> before, Map<String, long[]> after, long commands) {
        StringBuilder table = new StringBuilder("\nRows written per table during the load and the projections' catch-up"
                + " (pg_stat_user_tables; heap-only updates touch no index; autovacuum's runs on each table meanwhile, whose"
                + " CPU the table of PostgreSQL's processes counts under the processes that ended):\n\n"
                + "| table | inserted per command | updated per command | of which heap-only | deleted per command | autovacuums |"
                + " autoanalyzes |\n|---|---|---|---|---|---|---|\n");
        after.forEach((name, now) -> {
            long[] was = before.getOrDefault(name, new long[6]);
            if (name.equals(WAL)) {
                return;
            }
            long inserted = now[0] - was[0];
            long updated = now[1] - was[1];
            long deleted = now[3] - was[3];
            long vacuums = now[4] - was[4];
            long analyzes = now[5] - was[5];
            if (inserted + updated + deleted + vacuums + analyzes > 0) {
                table.append("| %s | %.3f | %.3f | %s | %.3f | %d | %d |\n".formatted(name, inserted / (double) Math.max(1, commands),
                        updated / (double) Math.max(1, commands),
                        updated == 0 ? "" : "%.0f%%".formatted(100.0 * (now[2] - was[2]) / updated),
                        deleted / (double) Math.max(1, commands), vacuums, analyzes));
            }
        });
        long[] walBefore = before.get(WAL);
        long[] walAfter = after.get(WAL);
        table.append("\nWrite-ahead log per command (pg_stat_wal; a full-page image is a whole page logged at its first"
                + " change after a checkpoint): %.1f records, %.2f full-page images, %.0f bytes\n".formatted(
                (walAfter[0] - walBefore[0]) / (double) Math.max(1, commands), (walAfter[1] - walBefore[1]) / (double) Math.max(1, commands),
                (walAfter[2] - walBefore[2]) / (double) Math.max(1, commands)));
        return table.toString();
    }

    private static double perCommand(Duration cpu, Run run) {
        return cpu.toNanos() / 1e6 / Math.max(1, run.ok());
    }

    /** A single-row insert of an event-sized row into a copy of the events table (made by the first call). */
    private Supplier<CompletionStage<Boolean>> rawInsert() {
        pool.query("CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)")
                .execute().await().indefinitely();
        String insert = """
                INSERT INTO raw_events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                        recorded_at, previous_hash, hash)
                VALUES ($1, $2, $3, 'RepaymentRecorded', 1, $4::jsonb, $5::jsonb, now(), $6, $6)""";
        String payload = "{\"amount\":10.00,\"dueDate\":\"" + TODAY + "\",\"paidOn\":\"" + TODAY + "\",\"daysLate\":0,\"occurredAt\":\"2026-11-29T00:00:00Z\"}";
        String metadata = "{\"actor\":\"ops\",\"channel\":\"SERVICING\",\"requestId\":\"r\",\"correlationId\":\"c\",\"causationId\":\"x\"}";
        String hash = "0".repeat(64);
        AtomicLong version = new AtomicLong();
        return () -> pool.preparedQuery(insert).execute(Tuple.of("raw-" + ThreadLocalRandom.current().nextInt(LINES),
                        version.incrementAndGet(), UUID.randomUUID(), payload, metadata, hash))
                .subscribeAsCompletionStage().thenApply(rows -> true);
    }

    private Run load(LoadGenerator http, Duration duration, IntFunction<String> line, Map<HttpVersion, Integer> versions) {
        return timed(duration, () -> http.post("/api/credit-lines/" + line.apply(0) + "/repayments", REPAYMENT, OPS)
                .thenApply(answer -> {
                    versions.merge(answer.version(), 1, Integer::sum);
                    return answer.status() == 200;
                }));
    }

    /** Runs {@code call} from {@value #CONCURRENCY} loops for {@code duration}: successes, failures, latencies. */
    private static Run timed(Duration duration, Supplier<CompletionStage<Boolean>> call) {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops.add(done);
            next(call, end, ok, errors, latencies, done);
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        return new Run(ok.get(), errors.get(), (System.nanoTime() - start) / 1e9, latencies);
    }

    private static void next(Supplier<CompletionStage<Boolean>> call, long end, AtomicLong ok,
                             AtomicLong errors, List<Long> latencies, CompletableFuture<Void> done) {
        if (System.nanoTime() >= end) {
            done.complete(null);
            return;
        }
        long t = System.nanoTime();
        call.get().whenComplete((success, failure) -> {
            latencies.add((System.nanoTime() - t) / 1000);
            if (failure == null && success) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            next(call, end, ok, errors, latencies, done);
        });
    }

    /** Opens {@code n} lines from {@value #CONCURRENCY} loops; their ids. */
    private List<String> openLines(LoadGenerator http, int n) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(n);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < Math.min(CONCURRENCY, n); i++) {
            loops.add(CompletableFuture.runAsync(() -> {
                while (left.getAndDecrement() > 0) {
                    String body = "{\"borrowerId\":\"B-W-" + UUID.randomUUID().toString().substring(0, 8)
                            + "\",\"productCode\":\"XM-CASH\",\"initialLimit\":20000}";
                    Answer opened = http.postAndWait("/api/credit-lines", body, CHANNEL);
                    assertThat(opened.status()).as("opening a line").isEqualTo(201);
                    ids.add(opened.location().substring(opened.location().lastIndexOf('/') + 1));
                }
            }));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>(ids);
    }

    /** One line's side of the flat-cost comparison: per command, its latency and the CPU it took in the service and PostgreSQL. */
    record FlatCost(List<Long> latencyMicros, List<Long> serviceNanos, List<Long> databaseNanos, long errors) {
    }

    /**
     * {@code n} repayments on each of two lines, one after another, alternating between the lines; per command, the
     * latency and the CPU time of the service's threads and of the {@code database} processes over it, each to the
     * nanosecond (the scheduler's accounting, {@link ProcessCpu}), so that a p50 of CPU per command can be read
     * beside the p50 of latency. Both also count what background threads did meanwhile, on either line alike.
     */
    private FlatCost[] alternating(LoadGenerator http, long servicePid, List<Long> database, String first, String second, int n) {
        List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Long>> service = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Long>> postgres = List.of(new ArrayList<>(), new ArrayList<>());
        long[] errors = new long[2];
        String[] lines = {first, second};
        for (int i = 0; i < 2 * n; i++) {
            int which = i % 2;
            long serviceBefore = ProcessCpu.nanos(servicePid);
            long databaseBefore = ProcessCpu.nanos(database);
            long t = System.nanoTime();
            if (http.postAndWait("/api/credit-lines/" + lines[which] + "/repayments", REPAYMENT, OPS).status() != 200) {
                errors[which]++;
            }
            latencies.get(which).add((System.nanoTime() - t) / 1000);
            service.get(which).add(ProcessCpu.nanos(servicePid) - serviceBefore);
            postgres.get(which).add(ProcessCpu.nanos(database) - databaseBefore);
        }
        return new FlatCost[]{new FlatCost(latencies.get(0), service.get(0), postgres.get(0), errors[0]),
                new FlatCost(latencies.get(1), service.get(1), postgres.get(1), errors[1])};
    }

    private static double p50(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private static double ratio(List<Long> longLine, List<Long> shortLine) {
        return p50(longLine) / p50(shortLine);
    }

    /** Commands (or inserts) per second that the machine's cores could run at {@code millisPerCommand} of CPU each. */
    private static double ceiling(double millisPerCommand) {
        return CORES * 1000.0 / millisPerCommand;
    }

    /** The threads that took most CPU between two readings, in ms per second, by name. */
    private static final String LIVE_CHECKPOINTS = StatementCounts.NOT_COUNTED + """
            SELECT c.transaction_id, c.position FROM projections p
            JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation""";
    /** With the checkpoint as literals and unprepared, as EventStore's BACKLOG: planned for it, a range of the index. */
    private static final String BEHIND = StatementCounts.NOT_COUNTED
            + "SELECT count(*) AS behind FROM events WHERE (transaction_id, global_position) > ('%d'::xid8, %d)";

    /**
     * Waits until every live projection has read the whole log (at most two minutes, then fails): answers the events
     * the one most behind had left to read when called, and the milliseconds until all had read them.
     */
    private long[] awaitProjectionsCaughtUp() throws InterruptedException {
        long started = System.nanoTime();
        long first = -1;
        while (true) {
            long behind = 0;
            for (var checkpoint : pool.query(LIVE_CHECKPOINTS).execute().await().indefinitely()) {
                behind = Math.max(behind, pool.query(BEHIND.formatted(checkpoint.getLong("transaction_id"), checkpoint.getLong("position")))
                        .execute().await().indefinitely().iterator().next().getLong("behind"));
            }
            if (first < 0) {
                first = behind;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (behind == 0) {
                return new long[]{first, millis};
            }
            assertThat(millis).as("projections still %d events behind", behind).isLessThan(120_000);
            Thread.sleep(100);
        }
    }

    /**
     * Repayments until the service's JIT has settled: at least {@link #LOAD_WARM_UP}, then slices of
     * {@link #WARM_UP_SLICE} until its compiler threads took under {@link #JIT_SETTLED} of its CPU in one, at most
     * {@link #LOAD_WARM_UP_MAX}. Answers the table's row saying how long it took and where it stopped.
     */
    private String warmUp(LoadGenerator http, long pid, List<String> lines, Map<HttpVersion, Integer> versions) {
        long started = System.nanoTime();
        load(http, LOAD_WARM_UP, i -> lines.get(ThreadLocalRandom.current().nextInt(lines.size())), versions);
        double share;
        do {
            Map<String, Long> before = ProcessCpu.byThreadName(pid);
            load(http, WARM_UP_SLICE, i -> lines.get(ThreadLocalRandom.current().nextInt(lines.size())), versions);
            Map<String, Long> after = ProcessCpu.byThreadName(pid);
            long all = 0;
            long compilers = 0;
            for (Map.Entry<String, Long> thread : after.entrySet()) {
                long used = Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
                all += used;
                if (thread.getKey().startsWith("C1 Compiler") || thread.getKey().startsWith("C2 Compiler")) {
                    compilers += used;
                }
            }
            share = compilers / (double) Math.max(1, all);
        } while (share >= JIT_SETTLED && System.nanoTime() - started < LOAD_WARM_UP_MAX.toNanos());
        return ("| warm-up before the measured load (repayments as measured; `-Dbenchmark.write.warm-up-seconds`, "
                + "`-Dbenchmark.write.warm-up-max-seconds`) | %.0f s | the JIT compilers' share of the service's CPU in its "
                + "last %d s: %.0f%% (settled below %.0f%%, or the maximum) | |")
                .formatted((System.nanoTime() - started) / 1e9, WARM_UP_SLICE.toSeconds(), share * 100, JIT_SETTLED * 100);
    }

    private static String busiest(Map<String, Long> before, Map<String, Long> after, double seconds) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> "%s %.1f".formatted(e.getKey(), e.getValue() / 1e6 / seconds))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The threads that took most CPU between two readings, in microseconds per command, by name. */
    private static String busiestPerCommand(Map<String, Long> before, Map<String, Long> after, long commands) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> "%s %.0f".formatted(e.getKey(), e.getValue() / 1e3 / Math.max(1, commands)))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private Run sequential(LoadGenerator http, String line, int n) {
        List<Long> latencies = new ArrayList<>();
        long ok = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            if (http.postAndWait("/api/credit-lines/" + line + "/repayments", REPAYMENT, OPS).status() == 200) {
                ok++;
            }
            latencies.add((System.nanoTime() - t) / 1000);
        }
        return new Run(ok, n - ok, (System.nanoTime() - t0) / 1e9, latencies);
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
    }

    private long version(String line) {
        return pool.preparedQuery("SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1")
                .execute(Tuple.of("credit-line-" + line)).await().indefinitely().iterator().next().getLong("v");
    }

    private long count(String line) {
        return pool.preparedQuery("SELECT count(*) AS n FROM events WHERE stream_id = $1")
                .execute(Tuple.of("credit-line-" + line)).await().indefinitely().iterator().next().getLong("n");
    }

}
