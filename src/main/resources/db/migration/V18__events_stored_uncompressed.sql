-- How events rows are stored: compressed with lz4 where the server has it, else uncompressed up to a page.
-- By default PostgreSQL compresses (pglz) a row over ~2 KB: a risk assessment (2.5 KB of JSON) or a decision, about
-- half the log. Every read of such a payload then decompresses it whole, even for one field (a rebuild reads an
-- assessment's score, a re-verification every payload), and every append compresses it; pglz is slow at both.
-- Measured on 209,302 events of the benchmark's portfolio, database CPU (docs/benchmarks.md, "Rebuild speed: what
-- the database does per row"):
--   PostgreSQL 15 (Debian, with lz4)  pglz / lz4 / uncompressed: rebuild's stretch reads 970-1,090 / 770-930 / 770-780 ms,
--     every payload read whole 2,140-2,180 / 1,800-1,870 / 1,690-1,740 ms, inserts 6.2-7.0 / 4.4 / 4.3 s,
--     room 273 / 279 / 411 MB.
--   PostgreSQL 17 (the embedded zonky build, without lz4) pglz / uncompressed: 1,120-1,150 / 790 ms,
--     2,060-2,670 / 1,530-1,760 ms, 6.9-11.5 / 4.1-4.5 s, 266 / 404 MB.
-- lz4 gives most of the gain for no room; without it, rows up to 8160 bytes are kept as they are (52% more room).
-- Rows written before this migration stay as they were stored (nothing is rewritten) and read as before.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE events ALTER COLUMN payload SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4;
    ELSE
        ALTER TABLE events SET (toast_tuple_target = 8160);
    END IF;
END
$$;
