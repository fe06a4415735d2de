package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OIDC provider for the console's sign-in: Keycloak's own distribution (org.keycloak:keycloak-quarkus-dist,
 * unpacked into target/keycloak by the pom before the integration lane) started in dev mode on free ports, with the
 * realm of src/test/resources/keycloak/uplift-realm.json imported at startup: the confidential client
 * {@value #CLIENT_ID} with a test-only secret, realm roles named like the API's roles, and users with and without them.
 * Started for the one test profile that switches the console's OIDC sign-in on, stopped with it.
 * <p>
 * Startup takes 30-80 s on a quiet 2-core machine; 230 s was measured at load 25 (a third of it Keycloak's own
 * first-start build). So the wait is generous ({@code uplift.test.keycloak.wait}, 300 s by default), and it fails
 * early, with the end of target/keycloak.log, if Keycloak exits.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "uplift";
    public static final String CLIENT_ID = "uplift-console";
    /** The realm file's client secret: a test value, never a production one. */
    public static final String CLIENT_SECRET = "test-only-console-secret-not-for-production";
    static final String REALM_FILE = "keycloak/uplift-realm.json";
    static final Path LOG = Path.of("target", "keycloak.log");

    private Process keycloak;

    /** Each realm user's password, as uplift-realm.json sets it. */
    public static String passwordOf(String user) {
        return user + "-secret";
    }

    @Override
    public Map<String, String> start() {
        Path home = home();
        int port = freePort();
        try {
            freshRealmImport(home);
            ProcessBuilder command = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port", String.valueOf(port), "--http-management-port", String.valueOf(freePort()),
                    "--import-realm"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(LOG.toFile());
            environment(command.environment());
            keycloak = command.start();
            // a test JVM that ends without stopping its resources must not leave Keycloak running on the machine
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "keycloak-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
        String issuer = "http://localhost:" + port + "/realms/" + REALM;
        awaitDiscovery(issuer);
        return Map.of(
                "uplift.console.oidc.enabled", "true",
                "uplift.console.oidc.auth-server-url", issuer,
                "uplift.console.oidc.client-id", CLIENT_ID,
                "uplift.console.oidc.client-secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        if (keycloak == null) {
            return;
        }
        // kc.sh runs Keycloak's JVM as its child: end the JVM, then the script
        keycloak.descendants().forEach(ProcessHandle::destroy);
        keycloak.destroy();
        try {
            if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
                keycloak.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Dev mode keeps its database under data/: dropped, so every run imports the realm file as it is now. */
    private static void freshRealmImport(Path home) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        try (var realm = KeycloakTestResource.class.getClassLoader().getResourceAsStream(REALM_FILE)) {
            if (realm == null) {
                throw new IllegalStateException("no " + REALM_FILE + " on the test class path");
            }
            Files.copy(realm, imports.resolve("uplift-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void awaitDiscovery(String issuer) {
        Duration patience = Duration.parse(System.getProperty("uplift.test.keycloak.wait", "PT300S"));
        Instant deadline = Instant.now().plus(patience);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + keycloak.exitValue() + ":\n" + logTail());
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
