-- The event store: one append-only table. Every consistency rule lives here, enforced by the database.

CREATE TABLE events (
    -- Order of insertion across all streams. Gaps are normal (rolled-back inserts burn numbers).
    global_position  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id        TEXT        NOT NULL,
    stream_version   BIGINT      NOT NULL CHECK (stream_version >= 1),
    event_id         UUID        NOT NULL,
    event_type       TEXT        NOT NULL,
    schema_version   INT         NOT NULL CHECK (schema_version >= 1),
    payload          JSONB       NOT NULL,
    -- correlation id, causation id, actor, channel, request id
    metadata         JSONB       NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    -- The inserting transaction: subscribers read in (transaction_id, global_position) order and only below the
    -- oldest running transaction, so an event that commits late is never skipped (see EventStore.readAll).
    transaction_id   XID8        NOT NULL DEFAULT pg_current_xact_id(),
    -- Per-stream hash chain: hash = SHA-256(previous_hash || canonical event bytes), hex encoded.
    previous_hash    CHAR(64)    NOT NULL,
    hash             CHAR(64)    NOT NULL,
    -- Optimistic concurrency: two writers that read the same version cannot both append the next one.
    CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
    -- Idempotency: an event id is stored once.
    CONSTRAINT events_event_id_unique UNIQUE (event_id)
);

CREATE INDEX events_subscription_order ON events (transaction_id, global_position);

-- History is immutable: no UPDATE, no DELETE, no TRUNCATE, whoever asks.
CREATE FUNCTION events_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_immutable
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_reject_change();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
