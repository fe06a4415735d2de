package com.uplift.platform;

import io.quarkus.logging.LoggingFilter;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops one upstream error that means nothing here. When PostgreSQL cannot be reached, every statement's wait for a
 * pooled connection fails at once (the caller gets its 503), but the reactive client leaves that wait's 30 s timer
 * running; when it fires it fails the already failed wait again and Vert.x reports
 * {@code IllegalStateException: Result is already complete} from {@code SqlConnectionPool} as an uncaught error
 * (eclipse-vertx/vertx-sql-client#1706, open; 4.5.27 here). Measured on packaged runs: 1,204 ERROR lines with stack
 * traces after an 8 s outage, ~2,900 in the 27 s after another, one per failed wait for a connection, burying the log
 * lines that matter. Only that exception from that class is dropped; any other uncaught error is still logged.
 */
@LoggingFilter(name = "pool-timer-noise")
public final class PoolTimerNoise implements Filter {

    private static final String POOL = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !upstreamTimerNoise(record.getThrown());
    }

    static boolean upstreamTimerNoise(Throwable thrown) {
        if (!(thrown instanceof IllegalStateException) || !"Result is already complete".equals(thrown.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().equals(POOL)) {
                return true;
            }
        }
        return false;
    }
}
