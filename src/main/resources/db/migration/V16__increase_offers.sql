-- 提额名单, the increase list (issue 14 part 1).

-- One row per offer scan run: its progress and its checkpoint, so a run interrupted by a restart resumes after the
-- last line it finished (application/OfferScans owns this table). Lines are scanned in stream-id order.
CREATE TABLE offer_scan_runs (
    id             TEXT        PRIMARY KEY,
    trigger        TEXT        NOT NULL,               -- SCHEDULED, ADMIN, DEMO
    requested_by   TEXT        NOT NULL,
    business_date  DATE        NOT NULL,               -- the date every line of the run is evaluated as of
    status         TEXT        NOT NULL,               -- RUNNING, COMPLETED
    checkpoint     TEXT        NOT NULL DEFAULT '',    -- the last stream id finished: the run resumes after it
    lines_scanned  INT         NOT NULL DEFAULT 0,
    offered        INT         NOT NULL DEFAULT 0,
    withdrawn      INT         NOT NULL DEFAULT 0,
    unchanged      INT         NOT NULL DEFAULT 0,
    failed         INT         NOT NULL DEFAULT 0,
    claimed_by     TEXT        NOT NULL,               -- the instance running it
    heartbeat_at   TIMESTAMPTZ NOT NULL,               -- moved after every batch; an old one means its instance died
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX offer_scan_runs_unfinished ON offer_scan_runs (status, heartbeat_at);

-- The offers read model (projection "increase-offers"), for operations' list. EXPIRED is not stored: it is a LIVE
-- offer whose expires_on is before today's business date, derived by the query.
CREATE TABLE increase_offer_view (
    id                 TEXT           PRIMARY KEY,     -- <generation>:<offer id>
    generation         INT            NOT NULL,
    offer_id           TEXT           NOT NULL,
    credit_line_id     TEXT           NOT NULL,
    segment            TEXT           NOT NULL,
    strategy_arm       TEXT           NOT NULL,
    grade              TEXT,
    score              INT            NOT NULL,
    apr_percent        NUMERIC(5, 2),
    old_limit          NUMERIC(14, 2) NOT NULL,
    offered_limit      NUMERIC(14, 2) NOT NULL,
    business_date      DATE           NOT NULL,
    expires_on         DATE           NOT NULL,
    status             TEXT           NOT NULL,        -- LIVE, WITHDRAWN, ACCEPTED as recorded
    reasons            TEXT           NOT NULL,        -- why it qualified, comma-separated
    withdrawal_reasons TEXT,
    request_id         TEXT,
    honoured           BOOLEAN,
    scan_run_id        TEXT           NOT NULL,
    policy_version     INT            NOT NULL,
    offered_at         TIMESTAMPTZ    NOT NULL,
    closed_at          TIMESTAMPTZ
);
CREATE INDEX increase_offer_view_query ON increase_offer_view (generation, status, segment, grade);
CREATE INDEX increase_offer_view_offer ON increase_offer_view (generation, offer_id);
