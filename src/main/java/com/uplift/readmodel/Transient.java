package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Failures that say nothing about the event being applied: the database went away for a moment, or someone else
 * moved the checkpoint. They are retried at the next poll; only other failures mark an event as poison.
 */
final class Transient {

    private Transient() {
    }

    /** The checkpoint was not where this batch started: another runner or an operator moved it. */
    static final class CheckpointMoved extends RuntimeException {
        CheckpointMoved(String checkpoint, Checkpoint expected) {
            super("checkpoint " + checkpoint + " is no longer at " + expected + ": another runner or an operator moved it");
        }
    }

    static boolean is(Throwable failure) {
        return certain(failure) || guessed(failure);
    }

    /** Failures whose type says they are passing: retried however often they happen. */
    static boolean certain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CheckpointMoved || t instanceof ClosedConnectionException || t instanceof ConnectException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // connection exceptions, operator intervention (shutdown), insufficient resources, serialization, deadlock
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Failures that only look passing (a client message about a connection or a timeout): retried a bounded number of
     * times in a row, after which the event is treated as failing, so it cannot keep the projection busy for ever.
     */
    static boolean guessed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t.getClass().getName().startsWith("io.vertx") && (message.contains("Connection") || message.contains("closed")
                    || message.contains("Timeout") || message.contains("timed out"))) {
                return true;
            }
        }
        return false;
    }
}
