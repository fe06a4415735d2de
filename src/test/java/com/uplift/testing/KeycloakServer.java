package com.uplift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The one Keycloak process of a test run: Keycloak's own distribution (org.keycloak:keycloak-quarkus-dist, unpacked
 * into target/keycloak by the pom before the integration lane) in dev mode on a free port, importing
 * src/test/resources/keycloak/uplift-realm.json. Started early and in the background by {@link KeycloakEarlyStart},
 * so that its start (60-150 s on the loaded 2-core machine, a first-start build included) runs beside other classes,
 * and awaited by {@link KeycloakTestResource} when the class that needs it starts its application.
 * <p>
 * Quarkus loads this class once per profile, so the running server is known by system properties (its port and the
 * process id of kc.sh), which every class loader of the JVM reads alike, as {@link PostgresTestResource} keeps its port.
 */
final class KeycloakServer {

    static final String REALM_FILE = "keycloak/uplift-realm.json";
    static final Path LOG = Path.of("target", "keycloak.log");
    private static final String PORT = "uplift.test.keycloak.port";
    private static final String PID = "uplift.test.keycloak.pid";

    private KeycloakServer() {
    }

    /**
     * The issuer of the realm on the run's Keycloak, starting the process when none is running; does not wait for it to
     * serve ({@link #awaitIssuer}). A shutdown hook ends it with the JVM, should nothing stop it before.
     */
    static String start() {
        synchronized (System.getProperties()) {
            Optional<ProcessHandle> running = process();
            if (running.isPresent() && running.get().isAlive()) {
                return issuer(Integer.parseInt(System.getProperty(PORT)));
            }
            Path home = home();
            int port = freePort();
            ProcessHandle keycloak;
            try {
                freshRealmImport(home);
                ProcessBuilder command = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-port", String.valueOf(port), "--http-management-port", String.valueOf(freePort()),
                        "--import-realm"))
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(LOG.toFile());
                environment(command.environment());
                keycloak = command.start().toHandle();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start Keycloak from " + home, e);
            }
            System.setProperty(PORT, String.valueOf(port));
            System.setProperty(PID, String.valueOf(keycloak.pid()));
            // a test JVM that ends without stopping its resources must not leave Keycloak running on the machine
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(keycloak), "keycloak-stop"));
            return issuer(port);
        }
    }

    /**
     * Waits until Keycloak serves the realm's discovery document: up to {@code uplift.test.keycloak.wait} (300 s by
     * default: 230 s was seen at load 25, a third of it Keycloak's first-start build), failing early, with the end of
     * target/keycloak.log, when the process has exited.
     */
    static void awaitIssuer(String issuer) {
        Duration patience = Duration.parse(System.getProperty("uplift.test.keycloak.wait", "PT300S"));
        Instant deadline = Instant.now().plus(patience);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (process().filter(ProcessHandle::isAlive).isEmpty()) {
                throw new IllegalStateException("Keycloak exited:\n" + logTail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep();
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve " + issuer + " within " + patience + ":\n" + logTail());
    }

    /** Stops the run's Keycloak, if one runs; the next {@link #start()} starts a new one. */
    static void stop() {
        synchronized (System.getProperties()) {
            Optional<ProcessHandle> keycloak = process();
            System.clearProperty(PORT);
            System.clearProperty(PID);
            keycloak.ifPresent(KeycloakServer::stop);
        }
    }

    /** kc.sh runs Keycloak's JVM as its child: ends the JVM, then the script (forcibly after 30 s). */
    private static void stop(ProcessHandle keycloak) {
        if (!keycloak.isAlive()) {
            return;
        }
        List<ProcessHandle> children = keycloak.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        keycloak.destroy();
        try {
            keycloak.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notInTime) {
            children.forEach(ProcessHandle::destroyForcibly);
            keycloak.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> process() {
        String pid = System.getProperty(PID);
        return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
    }

    private static String issuer(int port) {
        return "http://localhost:" + port + "/realms/" + KeycloakTestResource.REALM;
    }

    private static void environment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));   // the test JVM's: a JDK 21+, as Keycloak needs
        // Keycloak sizes its heap at 70% of the machine by default; the builds sharing this machine need the rest
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "bootstrap-admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", UUID.randomUUID().toString());
    }

    private static Path home() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.6"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home.toAbsolutePath()
                    + ": `./mvnw verify` unpacks org.keycloak:keycloak-quarkus-dist there (pom.xml, unpack-keycloak)");
        }
        return home;
    }

    /**
     * Dev mode keeps its database under data/: dropped, so every run imports the realm file as it is now. The
     * first-start build (lib/quarkus) is kept: a later run in the same target/ skips it.
     */
    private static void freshRealmImport(Path home) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        try (var realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_FILE)) {
            if (realm == null) {
                throw new IllegalStateException("no " + REALM_FILE + " on the test class path");
            }
            Files.copy(realm, imports.resolve("uplift-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(LOG);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + LOG + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
