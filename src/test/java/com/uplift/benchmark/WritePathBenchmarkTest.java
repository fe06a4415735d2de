package com.uplift.benchmark;

import com.uplift.testing.OwnDatabase;
import com.uplift.testing.PackagedInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path against its raw limit (issue 12), in one run on one database: single-row inserts into an
 * events-shaped table at concurrency 32, then the packaged service over HTTP at concurrency 32 across 1,000 lines
 * (with {@code -Xmx256m}), their ratio; a command's p50 on a line of 10 events against one of 1,000; 64 concurrent
 * commands on one line without If-Match; the service's resident memory. Run with {@code ./mvnw verify -Pbenchmark
 * -Dit.test=WritePathBenchmarkTest}; it prints a table and writes {@code target/write-path-benchmark.md}. It asserts
 * correctness only (the hot line's versions are contiguous), never a speed.
 */
@QuarkusTest
@Tag("integration")
@Tag("benchmark")
@TestProfile(WritePathBenchmarkTest.OwnStore.class)
class WritePathBenchmarkTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final int CONCURRENCY = 32;
    private static final int LINES = Integer.getInteger("benchmark.write.lines", 1000);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmark.write.seconds", 20));
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
    private static final String CHANNEL = "Basic " + Base64.getEncoder().encodeToString("channel:channel".getBytes(StandardCharsets.UTF_8));
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    private static final String REPAYMENT = "{\"amount\":10.00,\"dueDate\":\"" + TODAY + "\",\"paidOn\":\"" + TODAY + "\"}";

    @Inject
    Pool pool;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Run(long ok, long errors, double seconds, List<Long> latenciesMicros) {
        double perSecond() {
            return ok / seconds;
        }

        long percentileMillis(double p) {
            if (latenciesMicros.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            return Math.round(sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1000.0);
        }
    }

    @Test
    void measure() throws Exception {
        List<String> rows = new ArrayList<>();
        Run raw = rawInserts();
        rows.add("| raw limit: single-row inserts, concurrency " + CONCURRENCY + " | " + Math.round(raw.perSecond())
                + " /s | p50 " + raw.percentileMillis(0.5) + " ms, p99 " + raw.percentileMillis(0.99) + " ms | " + raw.errors() + " |");

        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        if (Boolean.getBoolean("benchmark.jfr")) {
            // a profile of the service through the whole run: `jfr view hot-methods target/write-path-benchmark.jfr`
            jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of("target", "write-path-benchmark.jfr").toAbsolutePath());
        }
        try (PackagedInstance service = PackagedInstance.start("write-path-benchmark", PackagedInstance.sharingThisDatabase(),
                jvm, Duration.ofSeconds(180))) {
            URI base = service.uri();
            List<String> lines = openLines(base, LINES);
            load(base, WARM_UP, i -> lines.get(ThreadLocalRandom.current().nextInt(lines.size())));
            Duration cpuBefore = cpu(service.pid());
            Run commands = load(base, RUN, i -> lines.get(ThreadLocalRandom.current().nextInt(lines.size())));
            Duration cpuUsed = cpu(service.pid()).minus(cpuBefore);
            long[] memory = service.residentKiB();
            rows.add("| the service: repayments over HTTP, concurrency " + CONCURRENCY + " across " + LINES + " lines | "
                    + Math.round(commands.perSecond()) + " /s | p50 " + commands.percentileMillis(0.5) + " ms, p99 "
                    + commands.percentileMillis(0.99) + " ms | " + commands.errors() + " |");
            rows.add("| **ratio** service / raw | %.3f | target >= 0.25 | |".formatted(commands.perSecond() / raw.perSecond()));
            // the service's own CPU per command depends far less on what else the machine runs than commands/s does
            rows.add("| service CPU per command (user + system of its process during that load) | %.2f ms | %.1f s over %d commands | |"
                    .formatted(cpuUsed.toNanos() / 1e6 / Math.max(1, commands.ok()), cpuUsed.toMillis() / 1000.0, commands.ok()));

            String shortLine = openLines(base, 1).getFirst();
            String longLine = openLines(base, 1).getFirst();
            sequential(base, shortLine, 9);
            sequential(base, longLine, 999);
            Run onShort = sequential(base, shortLine, 200);
            Run onLong = sequential(base, longLine, 200);
            rows.add("| flat cost: p50 of a repayment on a line of ~1,000 events / ~10 events | %.2f | %d ms / %d ms (target <= 1.2) | |"
                    .formatted((double) Math.max(1, onLong.percentileMillis(0.5)) / Math.max(1, onShort.percentileMillis(0.5)),
                            onLong.percentileMillis(0.5), onShort.percentileMillis(0.5)));

            String hot = openLines(base, 1).getFirst();
            long before = version(hot);
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                burst.add(http.sendAsync(post(base, "/api/credit-lines/" + hot + "/repayments", REPAYMENT, OPS),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Integer> statuses = new HashMap<>();
            for (CompletableFuture<HttpResponse<String>> answer : burst) {
                statuses.merge(answer.join().statusCode(), 1, Integer::sum);
            }
            long after = version(hot);
            long stored = count(hot);
            rows.add("| hot line: 64 concurrent repayments on one line without If-Match | " + statuses.getOrDefault(200, 0)
                    + " accepted | statuses " + statuses + ", versions " + before + " -> " + after + " | |");
            assertThat(stored).as("the hot line's versions are contiguous").isEqualTo(after);
            rows.add("| footprint: the service with -Xmx256m after the load | " + memory[0] / 1024 + " MiB resident | peak "
                    + memory[1] / 1024 + " MiB | |");
        }

        String table = "| what | result | detail | errors |\n|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println("\n" + table);
        Files.writeString(Path.of("target", "write-path-benchmark.md"), table);
    }

    /** Single-row inserts of an event-sized row into a copy of the events table, from {@value #CONCURRENCY} loops. */
    private Run rawInserts() {
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
        return timed(RUN, () -> pool.preparedQuery(insert).execute(Tuple.of("raw-" + ThreadLocalRandom.current().nextInt(LINES),
                        version.incrementAndGet(), UUID.randomUUID(), payload, metadata, hash))
                .subscribeAsCompletionStage().thenApply(rows -> true));
    }

    private Run load(URI base, Duration duration, IntFunction<String> line) {
        return timed(duration, () -> http.sendAsync(post(base, "/api/credit-lines/" + line.apply(0) + "/repayments", REPAYMENT, OPS),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> response.statusCode() == 200));
    }

    /** Runs {@code call} from {@value #CONCURRENCY} loops for {@code duration}: successes, failures, latencies. */
    private static Run timed(Duration duration, java.util.function.Supplier<java.util.concurrent.CompletionStage<Boolean>> call) {
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

    private static void next(java.util.function.Supplier<java.util.concurrent.CompletionStage<Boolean>> call, long end, AtomicLong ok,
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

    private List<String> openLines(URI base, int n) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(n);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < Math.min(CONCURRENCY, n); i++) {
            loops.add(CompletableFuture.runAsync(() -> {
                while (left.getAndDecrement() > 0) {
                    String body = "{\"borrowerId\":\"B-W-" + UUID.randomUUID().toString().substring(0, 8)
                            + "\",\"productCode\":\"XM-CASH\",\"initialLimit\":20000}";
                    try {
                        HttpResponse<String> opened = http.send(post(base, "/api/credit-lines", body, CHANNEL), HttpResponse.BodyHandlers.ofString());
                        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                        String location = opened.headers().firstValue("Location").orElseThrow();
                        ids.add(location.substring(location.lastIndexOf('/') + 1));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>(ids);
    }

    private Run sequential(URI base, String line, int n) throws Exception {
        List<Long> latencies = new ArrayList<>();
        long ok = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            if (http.send(post(base, "/api/credit-lines/" + line + "/repayments", REPAYMENT, OPS), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200) {
                ok++;
            }
            latencies.add((System.nanoTime() - t) / 1000);
        }
        return new Run(ok, n - ok, (System.nanoTime() - t0) / 1e9, latencies);
    }

    private static HttpRequest post(URI base, String path, String body, String authorization) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
