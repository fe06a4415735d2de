-- Rows of events up to a page (8160 bytes) are stored as they are, neither compressed nor moved out of line.
-- By default PostgreSQL compresses (pglz) a row over ~2 KB: a risk assessment (2.5 KB of JSON) or a decision, i.e.
-- half the log. Every read of such a payload then decompresses it whole, even for one field (a rebuild reads an
-- assessment's score, a re-verification every payload), and every append compresses it. Measured on 209,302 events of
-- the benchmark's portfolio (PostgreSQL 17, docs/benchmarks.md): a rebuild's stretch reads cost the database 30% less
-- CPU, reading every payload whole 25-35% less, inserting them 35-60% less; the table takes 52% more room (404 MB
-- against 266 MB). lz4, which decompresses faster than pglz, is not built into the embedded PostgreSQL.
-- Rows written before this migration stay as they were stored (nothing is rewritten); they read as before.
ALTER TABLE events SET (toast_tuple_target = 8160);
