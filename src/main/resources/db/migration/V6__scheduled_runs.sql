-- Which instance ran each scheduled job for which interval: with several instances on one database, each job runs
-- once per interval (application/ScheduledRuns). One row per job, claimed by a single conditional upsert.
CREATE TABLE scheduled_runs (
    job            TEXT        PRIMARY KEY,
    -- the start of the interval (epoch aligned: now rounded down to a multiple of the job's interval) last claimed
    interval_start TIMESTAMPTZ NOT NULL,
    claimed_at     TIMESTAMPTZ NOT NULL,
    claimed_by     TEXT        NOT NULL
);
