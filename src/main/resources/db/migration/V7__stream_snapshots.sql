-- The latest snapshot of a stream's folded state, so that loading a long stream for a command does not read and
-- parse its whole history (eventstore/StreamSnapshots owns this table; application/LineSnapshots writes credit lines').
-- A snapshot is a cache, never a fact: it can be deleted at any time (the state is rebuilt from events), audit replay
-- and as-of reads never read it, and one written under another state schema or rules version is discarded.
CREATE TABLE stream_snapshots (
    stream_id       TEXT        PRIMARY KEY,
    -- the stream version the state was folded up to, and where that event sits in the global log
    stream_version  BIGINT      NOT NULL,
    transaction_id  BIGINT      NOT NULL,
    global_position BIGINT      NOT NULL,
    -- the shape of the serialized state and the decider rules version of the build that wrote it
    state_schema    TEXT        NOT NULL,
    rules_version   INT         NOT NULL,
    state           JSONB       NOT NULL,
    taken_at        TIMESTAMPTZ NOT NULL
);
