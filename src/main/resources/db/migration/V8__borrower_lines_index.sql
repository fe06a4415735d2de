-- The borrower's exposure stream is seeded, the first time a borrower's exposure changes after it was introduced,
-- from the openings of the borrower's lines (EventStore.streamIdsWithEvent): this index finds them without scanning
-- the log, for every new borrower's first line as well.
CREATE INDEX events_credit_line_opened_borrower ON events ((payload ->> 'borrowerId'))
    WHERE event_type = 'CreditLineOpened';
