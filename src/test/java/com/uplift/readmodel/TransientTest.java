package com.uplift.readmodel;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures a projection retries and which mark an event as failing. */
class TransientTest {

    @Test
    void connectionLossAndSerializationFailuresAreCertainlyPassing() {
        assertThat(Transient.certain(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(Transient.certain(new PgException("could not serialize", "ERROR", "40001", null))).isTrue();
        assertThat(Transient.certain(new RuntimeException(new java.net.ConnectException("refused")))).isTrue();
    }

    @Test
    void aClientMessageAboutAConnectionIsOnlyAGuessAndABrokenEventIsNeither() {
        VertxException reset = new VertxException("Connection reset");
        assertThat(Transient.certain(reset)).isFalse();
        assertThat(Transient.guessed(reset)).isTrue();
        IllegalArgumentException unreadable = new IllegalArgumentException("cannot read CreditLineOpened");
        assertThat(Transient.is(unreadable)).isFalse();
        assertThat(Transient.certain(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
    }
}
