package com.uplift.eventstore;

/**
 * A stored event the current code cannot read as its type: a payload changed behind the store's back (by SQL, as a
 * superuser can), or a type or schema version this service does not know. It names where the event is, so that an
 * operator can find it ({@code GET /api/credit-lines/{id}/events}, re-verification) instead of a stack trace.
 * <p>
 * An {@link IllegalArgumentException}, as the registry's refusals were before it had a name: the callers that
 * already step over an unreadable event (re-verification reports it, a projection stops at it) keep doing so.
 */
public class UnreadableEventException extends IllegalArgumentException {

    private final String streamId;
    private final long streamVersion;
    private final String eventType;
    private final int schemaVersion;
    private final String reason;

    public UnreadableEventException(RecordedEvent event, RuntimeException cause) {
        super("stored event " + event.streamId() + " v" + event.streamVersion() + " (" + event.eventType() + " schema v"
                + event.schemaVersion() + ", position " + event.checkpoint() + ") cannot be read: " + cause.getMessage(), cause);
        this.streamId = event.streamId();
        this.streamVersion = event.streamVersion();
        this.eventType = event.eventType();
        this.schemaVersion = event.schemaVersion();
        this.reason = cause.getMessage();
    }

    public String streamId() {
        return streamId;
    }

    public long streamVersion() {
        return streamVersion;
    }

    public String eventType() {
        return eventType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** What the reader refused, without the event's whereabouts. */
    public String reason() {
        return reason;
    }
}
