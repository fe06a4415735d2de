package com.uplift.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Gives the service a database when none is configured: a real PostgreSQL 17 (zonky embedded binaries) whose data
 * lives in a folder across restarts. This is the default of a local run; production must either configure
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL} (and the JDBC URL used by Flyway) or opt in with
 * {@code UPLIFT_EMBEDDED_DATABASE_ENABLED=true}, or the start fails with a message saying so.
 * <p>
 * Runs when the runtime configuration is built; dev-mode hot reload builds it again in the same JVM, so the running
 * server is remembered in a system property rather than started twice on the same data folder.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "uplift.embedded-database.enabled";
    static final String DATA_DIR = "uplift.embedded-database.data-dir";
    private static final String RUNNING_PORT = "uplift.embedded-database.running-port";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context, "quarkus.datasource.reactive.url")) {
            return List.of(); // an external PostgreSQL is configured
        }
        boolean enabled = "true".equalsIgnoreCase(value(context, ENABLED));
        boolean dev = context.getProfiles().contains("dev");
        if (buildTooling() && !dev) {
            return List.of(); // the build and the test launcher only read configuration: start nothing, refuse nothing
        }
        if (!enabled) {
            if (dev || !context.getProfiles().contains("prod")) {
                return List.of();
            }
            throw new IllegalStateException("""
                    No database is configured. Set QUARKUS_DATASOURCE_REACTIVE_URL (e.g. postgresql://host:5432/uplift), \
                    QUARKUS_DATASOURCE_JDBC_URL (jdbc:postgresql://host:5432/uplift, used for migrations), \
                    QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD for an external PostgreSQL 14+, \
                    or opt in to the embedded database with UPLIFT_EMBEDDED_DATABASE_ENABLED=true.""");
        }
        int port = runningOrStart(dataDirectory(context));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "uplift-embedded-postgres", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static synchronized int runningOrStart(Path dataDirectory) {
        String running = System.getProperty(RUNNING_PORT);
        if (running != null) {
            return Integer.parseInt(running);
        }
        try {
            Files.createDirectories(dataDirectory);
            OrphanedPostmaster.stopIfAny(dataDirectory); // a server a killed service left behind would refuse this start
            LOG.infof("Starting the embedded PostgreSQL with its data in %s", dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
            System.setProperty(RUNNING_PORT, Integer.toString(postgres.getPort()));
            LOG.infof("Embedded PostgreSQL is listening on localhost:%d", postgres.getPort());
            return postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * True inside Quarkus' build (augmentation), dev mode and test launcher, whose class path carries the deployment
     * classes; false in a packaged application. The build reads the runtime configuration too, and must neither
     * start a database nor fail for want of one.
     */
    boolean buildTooling() {
        return inBuildTooling();
    }

    /** See {@link #buildTooling()}; the embedded Kafka broker asks the same question. */
    static boolean inBuildTooling() {
        try {
            Class.forName("io.quarkus.deployment.QuarkusAugmentor", false, EmbeddedDatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Path dataDirectory(ConfigSourceContext context) {
        String configured = value(context, DATA_DIR);
        return Path.of(configured != null ? configured : ".uplift-data/postgres").toAbsolutePath().normalize();
    }

    /** A value given and not blank (the embedded Kafka broker's factory reads its context the same way). */
    static boolean isSet(ConfigSourceContext context, String name) {
        String value = value(context, name);
        return value != null && !value.isBlank();
    }

    static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
