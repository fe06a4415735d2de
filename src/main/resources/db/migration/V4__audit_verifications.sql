-- Reports of finished re-verification runs, so that they outlive the instance that ran them.
CREATE TABLE audit_verifications (
    id            TEXT PRIMARY KEY,
    requested_by  TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    report        TEXT        NOT NULL,   -- the VerificationReport as JSON
    updated_at    TIMESTAMPTZ NOT NULL
);
