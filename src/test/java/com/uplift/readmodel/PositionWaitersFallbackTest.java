package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fallback poll of {@link PositionWaiters} runs only while a reader waits: it used to start with the first waiter
 * and tick for the life of the service. Plain Vert.x and a pool whose database refuses every connection, so that no
 * read ever answers a waiter: each leaves at its deadline, and the timer's life is all there is to see.
 */
class PositionWaitersFallbackTest {

    private static final Duration TICK = Duration.ofMillis(20);
    private static final Checkpoint AHEAD = new Checkpoint(1_000, 1_000);

    private Vertx vertx;
    private Pool nowhere;
    private PositionWaiters waiters;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        nowhere = PgPool.pool(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(aClosedPort())
                .setDatabase("none").setUser("none").setPassword("none"), new PoolOptions().setMaxSize(1));
        waiters = new PositionWaiters(nowhere, vertx, TICK);
    }

    @AfterEach
    void stop() {
        nowhere.close().await().atMost(Duration.ofSeconds(10));
        vertx.close().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theFallbackPollRunsWhileAReaderWaitsAndStopsWhenNoneIsLeft() throws InterruptedException {
        assertThat(waiters.fallbackArmed()).as("nobody has waited yet").isFalse();

        Uni<Boolean> first = waiters.await("credit-lines", AHEAD, Duration.ofMillis(300));
        assertThat(waiters.fallbackArmed()).as("armed by the first waiter").isTrue();
        assertThat(first.await().atMost(Duration.ofSeconds(10))).as("never reached: false at its deadline").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !waiters.fallbackArmed());

        long reads = waiters.reads();
        Thread.sleep(TICK.multipliedBy(10).toMillis());
        assertThat(waiters.reads()).as("no reads while nobody waits").isEqualTo(reads);
        assertThat(waiters.fallbackArmed()).isFalse();

        Uni<Boolean> next = waiters.await("warnings", AHEAD, Duration.ofSeconds(3));
        assertThat(waiters.fallbackArmed()).as("armed again by the next waiter").isTrue();
        // beyond its arrival's read, the fallback polls for it (each read fails: nothing answers it early)
        await().atMost(Duration.ofSeconds(5)).until(() -> waiters.reads() >= reads + 3);
        assertThat(waiters.fallbackArmed()).as("kept while it waits").isTrue();
        assertThat(next.await().atMost(Duration.ofSeconds(10))).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !waiters.fallbackArmed());
    }

    /** A port nothing listens on: taken from the system, then given back. */
    private static int aClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
