package com.uplift.eventstore;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means "PostgreSQL cannot be reached or is refusing work for now" rather than "this request is
 * wrong" or "the service has a bug". The reactive client reports an outage in several shapes, often wrapped (by Mutiny,
 * Hibernate Reactive or a CompletionException), so the whole cause chain is read.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        return byType(failure) || byMessage(failure);
    }

    /** An outage that the failure's type (or SQLSTATE) says, anywhere in the cause chain. */
    public static boolean byType(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof TimeoutException || lostSocket(t)) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null && unavailable(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection's socket failed: refused, reset by the server ending its sessions ("Connection reset", seen under
     * load when PostgreSQL shuts down fast) or closed under a write (the JDK transport Vert.x uses unless told to
     * prefer a native one). A socket error, not any IOException: Jackson's parse errors are IOExceptions too, and
     * those are bad input.
     */
    private static boolean lostSocket(Throwable t) {
        return t instanceof SocketException || t instanceof ClosedChannelException;
    }

    /**
     * An outage that only a client message says (e.g. NoStackTraceThrowable "Connection is not active", VertxException
     * "Connection was closed"): the client has no exception type for these. A guess, so callers that retry for ever
     * on an outage should bound the retries of this kind.
     */
    public static boolean byMessage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("io.vertx") && aboutTheConnection(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * 08 connection exceptions; 57P01-57P03 shutdown, crash, "cannot connect now" (starting up or recovering);
     * 53 insufficient resources (too many connections); 40001/40P01 serialization failure and deadlock, which a
     * retry resolves.
     */
    private static boolean unavailable(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.equals("40001") || state.equals("40P01");
    }

    private static boolean aboutTheConnection(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(java.util.Locale.ROOT);
        return text.contains("connection") || text.contains("closed") || text.contains("timeout") || text.contains("timed out");
    }
}
