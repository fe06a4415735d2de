-- The log keeps each event's payload and metadata as the text the service wrote (json), not as jsonb.
-- Nothing reads them in the database but the borrower index's payload ->> 'borrowerId' (json has the same operator,
-- and the index is rebuilt with it): the service writes canonical text, hashes it, and reads it back as text
-- (payload::text), re-canonicalizing what it reads; a rebuild takes the fields its fold reads out of that text in the
-- service (with #>> in the database, json would be parsed again for each field). jsonb parsed every payload into its binary form on the way in
-- and printed it back on the way out, in its own key order and spacing, and its binary form of an event is larger than
-- the compact text. Measured on PostgreSQL 15 with the write benchmark's rows (a risk assessment's 2.1 KB of JSON and
-- a repayment, five of each per grouped insert; docs/benchmarks.md, "Issue 12 after stop 27"): 41% less WAL per
-- insert (12.9 against 21.5 KB), 39% less room for the same rows (1,581 against 2,602 MB), and the insert's execution
-- 20-25% shorter; in a profile of the database under the write benchmark, jsonb's input and output were a fifth of its
-- CPU. Rows already stored are converted (a rewrite of the table, once); their text is then jsonb's rendering, which
-- reads back to the same canonical text, so every hash still verifies.
ALTER TABLE events
    ALTER COLUMN payload TYPE json USING payload::json,
    ALTER COLUMN metadata TYPE json USING metadata::json;

-- A change of type forgets the columns' compression (V18): set it again, as V18 did.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE events ALTER COLUMN payload SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4;
    END IF;
END
$$;
