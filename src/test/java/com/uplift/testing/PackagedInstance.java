package com.uplift.testing;

import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * Another instance of the service: the packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by the
 * {@code package} phase that runs before the integration lane) in a process of its own, in the production profile,
 * with its own HTTP and management ports. The test says which database it uses, so that it can share one with the
 * test's own application.
 * <p>
 * The process is stopped by {@link #close()} and, should the test JVM end first, by a shutdown hook; its output goes
 * to a file under {@code target/} that failures name.
 */
public final class PackagedInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final Process process;
    private final Thread killOnExit;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedInstance(Process process, Thread killOnExit, Path log, int httpPort, int managementPort) {
        this.process = process;
        this.killOnExit = killOnExit;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts the packaged service with {@code config} (as system properties, over the jar's application.properties) and
     * waits until it is ready, at most {@code readyWithin}.
     */
    public static PackagedInstance start(String name, Map<String, String> config, Duration readyWithin) {
        return start(name, config, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), readyWithin);
    }

    /** Like {@link #start(String, Map, Duration)} with the JVM options given (a benchmark runs a full JIT, a set heap). */
    public static PackagedInstance start(String name, Map<String, String> config, List<String> jvmOptions, Duration readyWithin) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: this test runs the packaged service, "
                    + "so run it through ./mvnw verify (package comes before the integration lane)");
        }
        int httpPort = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        // The test JVM's own java: the one the build selected (21+), whatever java is first on PATH.
        command.add(ProcessHandle.current().info().command().orElseThrow());
        // By default small and quick to start: the machine is shared with the test JVM, PostgreSQL and other builds.
        command.addAll(jvmOptions);
        Map<String, String> all = new TreeMap<>(config);
        // The test run's Kafka broker, unless the test says otherwise: a packaged run without one refuses to start.
        all.putIfAbsent("kafka.bootstrap.servers", KafkaTestResource.bootstrapServers());
        all.put("quarkus.http.host", "localhost");
        all.put("quarkus.http.port", Integer.toString(httpPort));
        all.put("quarkus.management.host", "localhost");
        all.put("quarkus.management.port", Integer.toString(managementPort));
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Path log = Files.createDirectories(Path.of("target", "packaged-instances")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Thread killOnExit = new Thread(process::destroyForcibly, "stop-" + name);
            Runtime.getRuntime().addShutdownHook(killOnExit);
            PackagedInstance instance = new PackagedInstance(process, killOnExit, log, httpPort, managementPort);
            try {
                instance.awaitReady(readyWithin);
            } catch (RuntimeException | Error e) {
                instance.close();
                throw e;
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAR, e);
        }
    }

    /** Resident memory of the process now and at its peak, in KiB, from /proc (Linux). */
    public long[] residentKiB() {
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new long[]{rss, peak};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URI of this instance's API. */
    public URI uri() {
        return URI.create("http://localhost:" + httpPort);
    }

    /** The process id: {@code ScheduledRuns} names an instance "pid@host/...". */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** A request to this instance's API as one of the demo users (it must run with uplift.demo-users.enabled). */
    public RequestSpecification as(String user) {
        return given().baseUri("http://localhost").port(httpPort).auth().preemptive().basic(user, user);
    }

    /** The value of every sample of a Prometheus metric on this instance's management port, by its labels. */
    public Map<Map<String, String>, Double> metric(String name) {
        return metric(get(managementPort, "/q/metrics").body(), name);
    }

    /** The samples of {@code name} in a Prometheus text exposition, by their labels. */
    public static Map<Map<String, String>, Double> metric(String exposition, String name) {
        Map<Map<String, String>, Double> samples = new java.util.HashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (sample.matches() && sample.group(1).equals(name)) {
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2)); // a sample without labels
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.put(labels, Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    private void awaitReady(Duration within) {
        Instant deadline = Instant.now().plus(within);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the packaged instance exited with " + process.exitValue()
                        + " before it was ready; see " + log.toAbsolutePath() + "\n" + tail());
            }
            try {
                HttpResponse<String> ready = get(managementPort, "/q/health/ready");
                if (ready.statusCode() == 200) {
                    return;
                }
                last = ready.statusCode() + " " + ready.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString(); // not listening yet
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the packaged instance was not ready within " + within + " (last answer: " + last
                + "); see " + log.toAbsolutePath() + "\n" + tail());
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(its log cannot be read: " + e + ")";
        }
    }

    /**
     * The configuration of an instance that works on this test application's database, with the demo users on: what
     * a test that runs a second instance beside its own passes to {@link #start}.
     */
    public static Map<String, String> sharingThisDatabase() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        Map<String, String> other = new java.util.HashMap<>();
        for (String key : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password")) {
            other.put(key, config.getValue(key, String.class));
        }
        other.put("uplift.demo-users.enabled", "true");
        return other;
    }

    /** Kills the process without warning (SIGKILL, as {@code kill -9}): no shutdown hook, no transaction finished. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the packaged instance did not die within 20 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the instance: gracefully (SIGTERM) for up to 20 s, then forcibly. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook runs anyway
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
