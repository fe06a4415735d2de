-- Indexes for the reads that filtered on a column no index covered (docs/event-store.md, "Indexes").
--
-- events.recorded_at: the time-window reads (the audit timeline and re-verification of a period, the regulator
-- export with from/to; EventStore.streamIds and readRange) read the whole log in any plan. A BRIN index keeps the
-- lowest and highest record time of each range of 128 table pages: a few pages for a million events, and it fits
-- because the log is append-only and recorded_at is taken at append time (EventStore.append: the service's clock as
-- it inserts), so it grows with the table's pages. A window then reads only the page ranges whose times overlap it.
-- Were events stored with a record time unrelated to their place (an import of back-dated events, a clock set far
-- wrong on one instance), the page ranges they land in would span both times and every window would read them: the
-- index degrades towards reading the log, it never gives a wrong answer. Page ranges filled since the last vacuum are
-- not summarised yet and are read by every window (the log's newest pages, few); autosummarize asks autovacuum to
-- summarise each range as it fills instead of at the next vacuum of the table.
--
-- credit_line_view: the list of a borrower's lines (GET /api/credit-lines?borrowerId=, the borrower-scoped token's
-- list) and the line lookups by id (a page of lines by id, the warnings board's join) filtered on borrower_id and
-- credit_line_id beside the live generation with no index on either, so each read the whole generation.
--
-- A plain CREATE INDEX blocks appends to its table while it builds (it takes a SHARE lock). On an empty or small store
-- that is a moment; on a large live one, build the three indexes by hand first with the statements in
-- docs/event-store.md ("Indexes": concurrent builds, outside a transaction, while the service runs; they wait for
-- running transactions but block no append), then deploy: this migration then finds them and does nothing. The
-- concurrent form is not written here: it cannot run inside a transaction, and Flyway running it outside one waits
-- for its own lock's transaction (flyway/flyway#3508, #3682) or, with two instances starting, for the other's wait.
--
-- A concurrent build that failed (cancelled, a unique violation) leaves its index INVALID under the same name, which
-- IF NOT EXISTS would take for done: refuse to go on instead, naming it (drop it and run the statement again).
DO $$
DECLARE
    invalid TEXT;
BEGIN
    SELECT string_agg(c.relname, ', ') INTO invalid
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname IN ('events_recorded_at', 'credit_line_view_borrower', 'credit_line_view_line') AND NOT i.indisvalid;
    IF invalid IS NOT NULL THEN
        RAISE EXCEPTION 'index % is INVALID (a concurrent build that failed): DROP INDEX it and create it again', invalid;
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS events_recorded_at ON events USING brin (recorded_at) WITH (autosummarize = on);
CREATE INDEX IF NOT EXISTS credit_line_view_borrower ON credit_line_view (generation, borrower_id);
CREATE UNIQUE INDEX IF NOT EXISTS credit_line_view_line ON credit_line_view (generation, credit_line_id);
