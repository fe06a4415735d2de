package com.uplift.eventstore;

import com.fasterxml.jackson.core.JsonParseException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are an outage (503 with Retry-After) and which are bad input or a bug. */
class DatabaseUnavailableTest {

    @Test
    void aSocketResetUnderAFastShutdownIsAnOutageHoweverWrapped() {
        // what the reactive client gave a statement in flight when PostgreSQL ended its sessions under load
        assertThat(DatabaseUnavailable.is(new CompletionException(new SocketException("Connection reset")))).isTrue();
        assertThat(DatabaseUnavailable.byType(new RuntimeException(new ClosedChannelException()))).isTrue();
        assertThat(DatabaseUnavailable.byType(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
    }

    @Test
    void otherInputOutputErrorsAndConstraintsAreNot() {
        assertThat(DatabaseUnavailable.is(new JsonParseException(null, "Unexpected character"))).isFalse();
        assertThat(DatabaseUnavailable.is(new java.io.IOException("disk full"))).isFalse();
        assertThat(DatabaseUnavailable.is(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("a bug"))).isFalse();
    }
}
