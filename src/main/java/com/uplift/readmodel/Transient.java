package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.DatabaseUnavailable;

/**
 * Failures that say nothing about the event being applied: the database (or a projection's broker) went away for a
 * moment, or someone else moved the checkpoint. They are retried at the next poll; only other failures mark an event as poison.
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
            if (t instanceof CheckpointMoved || t instanceof Projection.Unavailable) {
                return true;
            }
        }
        return DatabaseUnavailable.byType(failure);
    }

    /**
     * Failures that only look passing (a client message about a connection or a timeout): retried a bounded number of
     * times in a row, after which the event is treated as failing, so it cannot keep the projection busy for ever.
     */
    static boolean guessed(Throwable failure) {
        return DatabaseUnavailable.byMessage(failure);
    }
}
