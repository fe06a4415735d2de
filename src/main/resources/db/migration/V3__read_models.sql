-- Read models: projections of the event log, rebuilt at will. Every row belongs to a generation of its projection;
-- queries read the live generation, a rebuild fills the next one beside it and then switches (blue/green).

-- Wake subscribers when events are committed (they also poll, in case a notification is missed).
CREATE FUNCTION events_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('uplift_events', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION events_notify();

-- One row per projection generation: its checkpoint moves in the same transaction as its rows.
CREATE TABLE projection_checkpoints (
    id               TEXT PRIMARY KEY,            -- <projection>:<generation>
    projection       TEXT        NOT NULL,
    generation       INT         NOT NULL,
    transaction_id   BIGINT      NOT NULL,
    position         BIGINT      NOT NULL,
    events_applied   BIGINT      NOT NULL,
    last_recorded_at TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- Which generation of each projection is live, and whether it is stopped by a failure.
CREATE TABLE projections (
    name             TEXT PRIMARY KEY,
    live_generation  INT         NOT NULL,
    building_generation INT,
    state            TEXT        NOT NULL,        -- RUNNING, FAILED
    error            TEXT,
    failed_position  TEXT,
    failed_generation INT,                        -- the generation the failing event stopped
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE credit_line_view (
    id                 TEXT PRIMARY KEY,          -- <generation>:<credit line id>
    generation         INT            NOT NULL,
    credit_line_id     TEXT           NOT NULL,
    borrower_id        TEXT           NOT NULL,
    product_code       TEXT           NOT NULL,
    segment            TEXT           NOT NULL,
    currency           CHAR(3)        NOT NULL,
    credit_limit       NUMERIC(14, 2) NOT NULL,
    drawn              NUMERIC(14, 2) NOT NULL,
    available          NUMERIC(14, 2) NOT NULL,
    utilization        NUMERIC(7, 4)  NOT NULL,
    score              INT,
    grade              CHAR(1),
    apr_percent        NUMERIC(5, 2),
    days_past_due      INT            NOT NULL,   -- at the last event; queries age it from the two dates below
    reported_since     DATE,                       -- servicing's latest report: asOf - days past due (null: current)
    arrears_since      DATE,                       -- due date of the oldest missed instalment still unpaid
    arrears            TEXT,                       -- unpaid instalments oldest first: "2026-10-15=850.00;..." 
    status             TEXT           NOT NULL,   -- OPEN, DRAWDOWNS_FROZEN
    active_warnings    INT            NOT NULL,
    severe_warnings    INT            NOT NULL,
    stream_version     BIGINT         NOT NULL,
    events_applied     BIGINT         NOT NULL,
    last_position      TEXT           NOT NULL,
    opened_at          TIMESTAMPTZ    NOT NULL,
    updated_at         TIMESTAMPTZ    NOT NULL
);
CREATE INDEX credit_line_view_query ON credit_line_view (generation, grade, status);

CREATE TABLE warning_view (
    id              TEXT PRIMARY KEY,             -- <generation>:<credit line id>:<flag>:<raised stream version>
    generation      INT         NOT NULL,
    credit_line_id  TEXT        NOT NULL,
    flag            TEXT        NOT NULL,
    severity        TEXT        NOT NULL,
    detail          TEXT,
    active          BOOLEAN     NOT NULL,
    raised_at       TIMESTAMPTZ NOT NULL,
    cleared_at      TIMESTAMPTZ,
    clear_detail    TEXT
);
CREATE INDEX warning_view_query ON warning_view (generation, active, severity);
CREATE INDEX warning_view_line ON warning_view (generation, credit_line_id, flag, active);

CREATE TABLE increase_decision_view (
    id               TEXT PRIMARY KEY,            -- <generation>:<request id>
    generation       INT            NOT NULL,
    request_id       TEXT           NOT NULL,
    credit_line_id   TEXT           NOT NULL,
    segment          TEXT,
    grade            CHAR(1),
    score            INT,
    strategy_arm     TEXT,
    policy_version   INT            NOT NULL,
    outcome          TEXT           NOT NULL,     -- APPROVED, DECLINED, REFERRED as first decided
    status           TEXT           NOT NULL,     -- PENDING, APPROVED, DECLINED now
    review_level     INT,                          -- the level that must review next while PENDING
    requested_by     TEXT,
    channel          TEXT,
    old_limit        NUMERIC(14, 2) NOT NULL,
    proposed_limit   NUMERIC(14, 2),
    new_limit        NUMERIC(14, 2),
    reasons          TEXT,
    explanation      TEXT           NOT NULL,     -- the decision event as stored (JSON)
    decided_at       TIMESTAMPTZ    NOT NULL,
    updated_at       TIMESTAMPTZ    NOT NULL
);
CREATE INDEX increase_decision_view_queue ON increase_decision_view (generation, status, review_level, decided_at);
