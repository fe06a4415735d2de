package com.uplift.platform;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** The log filter drops the upstream pool timer's double failure and nothing else. */
class PoolTimerNoiseTest {

    private final PoolTimerNoise filter = new PoolTimerNoise();

    @Test
    void thePoolTimersSecondFailureIsDropped() {
        assertThat(filter.isLoggable(uncaught(thrown("Result is already complete",
                "io.vertx.sqlclient.impl.pool.SqlConnectionPool")))).isFalse();
    }

    @Test
    void theSameExceptionFromElsewhereAnotherMessageOrNoExceptionIsKept() {
        assertThat(filter.isLoggable(uncaught(thrown("Result is already complete", "com.uplift.SomethingOfOurs"))))
                .isTrue();
        assertThat(filter.isLoggable(uncaught(thrown("Connection is closed",
                "io.vertx.sqlclient.impl.pool.SqlConnectionPool")))).isTrue();
        LogRecord other = uncaught(new IllegalArgumentException("Result is already complete"));
        other.getThrown().setStackTrace(thrown("x", "io.vertx.sqlclient.impl.pool.SqlConnectionPool").getStackTrace());
        assertThat(filter.isLoggable(other)).isTrue();
        assertThat(filter.isLoggable(new LogRecord(Level.INFO, "started"))).isTrue();
    }

    private static LogRecord uncaught(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Uncaught exception received by Vert.x");
        record.setThrown(thrown);
        return record;
    }

    private static IllegalStateException thrown(String message, String fromClass) {
        IllegalStateException e = new IllegalStateException(message);
        e.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 90),
                new StackTraceElement(fromClass, "lambda$execute$3", "SqlConnectionPool.java", 216)});
        return e;
    }
}
