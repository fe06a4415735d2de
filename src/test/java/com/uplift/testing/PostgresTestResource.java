package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * A real PostgreSQL 17 on a random port, started once per test run (zonky embedded binaries; no Docker). Tests share
 * its {@code postgres} database, except those under an {@link OwnDatabase} profile: each start of such a profile gets a
 * fresh database on the same server, dropped again when that application stops.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * The server's port, kept where every class loader sees it: Quarkus loads test classes once per profile, so a
     * static field would start one server per profile.
     */
    private static final String PORT = "uplift.test.postgres.port";

    private String profile;
    /** The database this start created for an {@link OwnDatabase} profile; null on the shared one. */
    private String ownDatabase;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        int port = serverPort();
        String database = "postgres";
        if (OwnDatabase.requestedBy(profile)) {
            ownDatabase = databaseNameFor(profile);
            execute(port, "CREATE DATABASE " + ownDatabase);
            database = ownDatabase;
        }
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/" + database,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // The server is kept for the whole run (the other profiles reuse it); it stops when the JVM exits.
        if (ownDatabase != null) {
            execute(serverPort(), "DROP DATABASE IF EXISTS " + ownDatabase + " WITH (FORCE)");
            ownDatabase = null;
        }
    }

    private static int serverPort() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(PORT);
            if (running != null) {
                return Integer.parseInt(running);
            }
            try {
                // pg_stat_statements is loaded so that a test can count the statements a command issues
                // (StatementsPerCommandTest); it only counts, and only a database that creates the extension reads it.
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
                System.setProperty(PORT, Integer.toString(postgres.getPort()));
                return postgres.getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL for the tests", e);
            }
        }
    }

    /** "own_audittamperingtest_ownstore_lx3k9": unique in the run, and says whose it is. */
    private static String databaseNameFor(String profileClassName) {
        String simple = profileClassName.substring(profileClassName.lastIndexOf('.') + 1)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        String unique = "_" + Long.toString(System.nanoTime(), 36);
        return "own_" + simple.substring(0, Math.min(simple.length(), 63 - 4 - unique.length())) + unique;
    }

    private static void execute(int port, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL refused: " + sql, e);
        }
    }
}
