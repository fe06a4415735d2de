-- The credit-line read model keeps what makes a line past due in the domain's own values (readmodel.PastDue: the
-- unpaid missed instalments and servicing's latest report, as canonical JSON), folded and counted by the domain's
-- code, instead of a hand-encoded "due=outstanding;..." text beside a copy of the domain's rule.
ALTER TABLE credit_line_view ADD COLUMN past_due JSONB;

-- Rows written before keep their days past due exactly. An unpaid instalment's amount due is taken to be what is
-- still outstanding (only the outstanding is ever counted); servicing's report becomes the equivalent report as of
-- the migration day (days past due since reported_since). A rebuild (POST /api/admin/projections/credit-lines/rebuild)
-- restores the original amounts and dates from the log.
UPDATE credit_line_view SET past_due = jsonb_build_object(
    'report', CASE WHEN reported_since IS NULL THEN NULL ELSE jsonb_build_object(
        'asOf', to_char(greatest(CURRENT_DATE, reported_since + 1), 'YYYY-MM-DD'),
        'daysPastDue', greatest(CURRENT_DATE, reported_since + 1) - reported_since) END,
    'unpaid', coalesce((SELECT jsonb_agg(jsonb_build_object('dueDate', split_part(item, '=', 1),
                                                            'amountDue', split_part(item, '=', 2),
                                                            'outstanding', split_part(item, '=', 2))
                                         ORDER BY split_part(item, '=', 1))
                        FROM unnest(string_to_array(arrears, ';')) AS item), '[]'::jsonb))
WHERE arrears IS NOT NULL OR reported_since IS NOT NULL;

ALTER TABLE credit_line_view DROP COLUMN arrears;
