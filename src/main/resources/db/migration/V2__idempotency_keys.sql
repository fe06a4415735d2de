-- Responses of POST requests that carried an Idempotency-Key, so that a retry gets the first answer again.
-- Kept at least 24 hours (IdempotencyKeys purges rows older than uplift.idempotency.retention, default 48h).
CREATE TABLE idempotency_keys (
    actor          TEXT        NOT NULL,
    idempotency_key TEXT       NOT NULL,
    request_hash   CHAR(64)    NOT NULL,
    -- who holds the claim: a request that took over an abandoned claim must not be overwritten by the original
    claim_token    UUID        NOT NULL,
    -- NULL while the first request is still being processed
    status         INT,
    response_body  TEXT,
    location       TEXT,
    etag           TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
