-- Referred limit decreases in the review queue (issue 14): one row per decrease decision (projection
-- "decrease-decisions"), so the queue lists a decrease awaiting review beside the increase referrals.
CREATE TABLE decrease_decision_view (
    id                     TEXT           PRIMARY KEY,  -- <generation>:<credit line id>:<decrease id> (LD-n is per line)
    generation             INT            NOT NULL,
    decrease_id            TEXT           NOT NULL,
    credit_line_id         TEXT           NOT NULL,
    policy_version         INT            NOT NULL,
    outcome                TEXT           NOT NULL,     -- APPLIED, REFERRED as first decided
    status                 TEXT           NOT NULL,     -- PENDING, APPLIED, DECLINED now
    review_level           INT,                         -- the level that must review next while PENDING
    review_levels_required INT            NOT NULL,
    old_limit              NUMERIC(14, 2) NOT NULL,
    drawn                  NUMERIC(14, 2) NOT NULL,
    proposed_limit         NUMERIC(14, 2) NOT NULL,
    new_limit              NUMERIC(14, 2),
    reasons                TEXT,
    decided_at             TIMESTAMPTZ    NOT NULL,
    updated_at             TIMESTAMPTZ    NOT NULL
);
CREATE INDEX decrease_decision_view_queue ON decrease_decision_view (generation, status, review_level, decided_at);
