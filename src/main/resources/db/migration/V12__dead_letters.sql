-- Servicing facts from Kafka that could not be recorded (servicingfeed/DeadLetters): malformed, or refused by a
-- business rule. Also sent to the dead-letter topic; kept here as well so that an operator can list them and replay
-- one without reading a topic end to end (its retention may have dropped them), and so that a replay's outcome is
-- remembered. One row per source record: a record delivered again is not a second dead letter.
CREATE TABLE dead_letters (
    id               BIGSERIAL   PRIMARY KEY,
    topic            TEXT        NOT NULL,
    kafka_partition  INT         NOT NULL,
    kafka_offset     BIGINT      NOT NULL,
    record_key       TEXT,
    -- the record as it came: value (text), headers (name -> value as text)
    payload          TEXT,
    headers          JSONB       NOT NULL,
    -- MALFORMED (could not be read), REFUSED (answered 4xx by the command path), FAILED (an unexpected failure)
    reason           TEXT        NOT NULL,
    problem          JSONB       NOT NULL,
    message_id       TEXT,
    credit_line_id   TEXT,
    dead_lettered_at TIMESTAMPTZ NOT NULL,
    -- replays refused again: the next replay runs under a new key (<messageId>:replay-<refused_replays + 1>)
    refused_replays  INT         NOT NULL DEFAULT 0,
    replayed_at      TIMESTAMPTZ,
    replay_status    INT,
    UNIQUE (topic, kafka_partition, kafka_offset)
);
