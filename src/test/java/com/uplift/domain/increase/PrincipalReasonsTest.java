package com.uplift.domain.increase;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 11 item 6: a declined or referred increase quotes at most four principal reasons from a closed set, ranked by
 * impact (knock-outs first, then points lost against the best bin), while the decision's checks keep every rule.
 */
class PrincipalReasonsTest {

    /**
     * Already at the product maximum (200,000), five months on book, a negative bureau record, a fraud note and a
     * 35-day delinquency: eight rules decline.
     */
    private static com.uplift.domain.Fixtures.Borrower everythingWrong() {
        return borrower().limit("200000.00").openedOn(TODAY.minusMonths(5)).negativeRecords("COURT_JUDGMENT")
                .then(new RecordServiceNote("客户称身份被盗用，怀疑有人诈骗", "CALL_CENTER", NOW),
                        new ReportDelinquency(35, TODAY, NOW));
    }

    @Test
    void a_decline_with_eight_failing_rules_shows_four_ranked_reasons_knock_outs_first() {
        IncreaseDecided d = everythingWrong().spec().when(request("REQ-1")).event(IncreaseDecided.class);

        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertEquals(List.of("NEGATIVE_BUREAU_RECORD", "OWN_BOOK_BAD_RECORD", "PAST_DUE", "SEVERE_WARNING"), d.reasons());
        // the officer's and auditor's record still has every failing rule
        assertEquals(List.of("MIN_SCORE", "NO_NEGATIVE_BUREAU_RECORD", "NO_OWN_BOOK_BAD_RECORD", "NOT_PAST_DUE",
                        "MIN_MONTHS_ON_BOOK", "NO_SEVERE_WARNING", "NO_BLOCKING_WARNING", "HEADROOM"),
                d.rules().stream().filter(r -> r.status() == RuleStatus.FAIL && r.effect() == RuleEffect.DECLINE)
                        .map(RuleResult::rule).toList());
    }

    @Test
    void rules_v2_keep_every_failing_rule_code_in_rule_order() {
        IncreaseDecided d = everythingWrong().spec(2).when(request("REQ-1")).event(IncreaseDecided.class);

        assertEquals(2, d.rulesVersion());
        assertEquals(List.of("SCORE_BELOW_MINIMUM", "NEGATIVE_BUREAU_RECORD", "PAST_DUE", "MONTHS_ON_BOOK",
                "SEVERE_WARNING", "ACTIVE_WARNING", "NO_HEADROOM"), d.reasons());
    }

    /**
     * Score 69. Points lost against each characteristic's best bin: bureau below 550 15, 75% utilization 7, a sold
     * asset 5 (the best bin is a net acquisition, not "no change"), income falling 12.5% 4; the rest lose none.
     */
    @Test
    void a_score_below_minimum_names_the_characteristics_that_lost_most_points_not_the_score() {
        IncreaseDecided d = borrower().bureauScore(540).incomes("20000.00", "17500.00").openedOn(TODAY.minusMonths(25))
                .then(new RecordDrawdown(cny("7500.00"), NOW),
                        new ReportAssetChange(AssetKind.VEHICLE, AssetDirection.DISPOSED, cny("100000"), NOW))
                .spec().when(request("REQ-1")).event(IncreaseDecided.class);

        assertEquals(69, d.assessment().score());
        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertEquals(List.of("BUREAU_SCORE", "UTILIZATION", "ASSET_CHANGES", "INCOME_TREND"), d.reasons(),
                d.assessment().breakdown()::toString);
    }

    @Test
    void the_composite_insufficient_data_code_is_split_into_one_closed_code_per_input() {
        List<String> ranked = PrincipalReasons.rank(List.of("INSUFFICIENT_DATA:INCOME,BUREAU_REPORT", "WATCH_FLAG",
                "INSUFFICIENT_DATA:INCOME"), null);

        assertEquals(List.of("INSUFFICIENT_DATA_INCOME", "INSUFFICIENT_DATA_BUREAU_REPORT", "WATCH_FLAG"), ranked);
    }

    /** Stale income and a stale bureau report: the score could reach the minimum with both, so the data decides. */
    @Test
    void stale_income_and_bureau_report_refer_with_two_closed_codes_where_v2_quoted_a_composite() {
        var stale = new com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease("REQ-1", null, "APP", "B-1",
                java.time.Instant.parse("2026-04-15T02:00:00Z"));
        IncreaseDecided v3 = borrower().newestIncomePeriod(java.time.YearMonth.of(2025, 9)).spec().when(stale)
                .event(IncreaseDecided.class);
        IncreaseDecided v2 = borrower().newestIncomePeriod(java.time.YearMonth.of(2025, 9)).spec(2).when(stale)
                .event(IncreaseDecided.class);

        assertEquals(IncreaseOutcome.REFERRED, v3.outcome());
        assertEquals(List.of("INSUFFICIENT_DATA_INCOME", "INSUFFICIENT_DATA_BUREAU_REPORT"), v3.reasons());
        assertEquals(List.of("INSUFFICIENT_DATA:INCOME,BUREAU_REPORT", "INSUFFICIENT_DATA:BUREAU_REPORT",
                "INSUFFICIENT_DATA:INCOME"), v2.reasons());
    }

    @Test
    void a_stale_bureau_report_refers_with_the_closed_code() {
        IncreaseDecided d = borrower().spec().when(new com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease(
                "REQ-1", null, "APP", "B-1", java.time.Instant.parse("2026-04-15T02:00:00Z"))).event(IncreaseDecided.class);

        assertEquals(IncreaseOutcome.REFERRED, d.outcome());
        assertEquals(List.of("INSUFFICIENT_DATA_BUREAU_REPORT"), d.reasons());
    }

    @Test
    void a_code_outside_the_closed_set_is_refused_rather_than_shown_to_a_customer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrincipalReasons.rank(List.of("SOMETHING_NEW"), null));
        assertEquals("SOMETHING_NEW has no adverse-action reason: add it to AdverseActionReason", e.getMessage());
    }

    @Test
    void every_characteristic_of_the_scorecard_has_a_closed_code() {
        IncreaseDecided d = borrower().spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(8, d.assessment().breakdown().size());
        d.assessment().breakdown().forEach(s -> assertEquals(s.characteristic(),
                AdverseActionReason.valueOf(s.characteristic()).name()));
    }

    @Test
    void at_most_four_reasons_as_the_rules_constant_says() {
        assertEquals(4, DeciderRules.MAX_PRINCIPAL_REASONS);
    }
}
