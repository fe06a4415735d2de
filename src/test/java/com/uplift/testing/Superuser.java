package com.uplift.testing;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a database superuser can do behind the store's back: switch the append-only trigger off, change history, switch
 * it on again. Only for tests on a database of their own ({@link OwnDatabase}): the shared one stays honest.
 */
public final class Superuser {

    private Superuser() {
    }

    /** Runs one UPDATE/DELETE on {@code events} with the trigger off; it must change at least one row. */
    public static void tamper(AgroalDataSource jdbc, String sql) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE events DISABLE TRIGGER events_immutable");
            try {
                assertThat(s.executeUpdate(sql)).isPositive();
            } finally {
                s.execute("ALTER TABLE events ENABLE TRIGGER events_immutable");
            }
        }
    }
}
