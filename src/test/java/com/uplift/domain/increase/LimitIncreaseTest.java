package com.uplift.domain.increase;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportAssetChange;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.risk.DataProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 提额: eligibility, sizing, caps and routing, each at its boundary. */
class LimitIncreaseTest {

    // ---------------------------------------------------------------- score threshold and the 30%..50% band

    /** 94 - 13 (bureau below 550) - 7 (75% utilization) - 4 (income falling 12.5%) = 70. */
    private static com.uplift.domain.Fixtures.Borrower scoreSeventy() {
        return borrower().bureauScore(540).incomes("20000.00", "17500.00")
                .then(new RecordDrawdown(cny("7500.00"), NOW));
    }

    @Test
    void score_70_is_eligible_and_earns_exactly_30_percent() {
        IncreaseDecided d = scoreSeventy().spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(70, d.assessment().score(), d.assessment().breakdown()::toString);
        assertEquals(IncreaseOutcome.APPROVED, d.outcome(), d.rules()::toString);
        assertEquals(new BigDecimal("30.00"), d.sizing().increasePct());
        assertEquals(cny("13000.00"), d.newLimit());
        assertEquals("SCORE_TARGET", d.sizing().boundBy());
    }

    @Test
    void score_69_is_declined_below_minimum() {
        // score 70 set-up, plus 24+ months on book (+2) and a disposed asset (-3)
        IncreaseDecided d = scoreSeventy().openedOn(TODAY.minusMonths(25))
                .then(new ReportAssetChange(AssetKind.VEHICLE, AssetDirection.DISPOSED, cny("100000"), NOW))
                .spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(69, d.assessment().score(), d.assessment().breakdown()::toString);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertEquals(List.of("BUREAU_SCORE", "UTILIZATION", "ASSET_CHANGES", "INCOME_TREND"), d.reasons());
        assertNull(d.newLimit());
    }

    @Test
    void score_100_earns_exactly_50_percent() {
        IncreaseDecided d = borrower().bureauScore(760).openedOn(TODAY.minusMonths(25))
                .then(new ReportAssetChange(AssetKind.PROPERTY, AssetDirection.ACQUIRED, cny("800000"), NOW))
                .spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(100, d.assessment().score(), d.assessment().breakdown()::toString);
        assertEquals(new BigDecimal("50.00"), d.sizing().increasePct());
        assertEquals(cny("15000.00"), d.newLimit());
    }

    @Test
    void prime_segment_gets_its_own_larger_band() {
        // PRIME: 35% at 70 to 60% at 100; score 94 -> 35 + 25 x 24/30 = 55%
        IncreaseDecided d = borrower().segment("PRIME").spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(new BigDecimal("55.00"), d.sizing().increasePct());
        assertEquals(cny("15500.00"), d.newLimit());
        assertEquals("PRIME", d.segment());
    }

    // ---------------------------------------------------------------- caps

    @Test
    void affordability_caps_the_limit_at_three_times_verified_income_rounded_down_to_100() {
        // 3 x min(newest 4,100, mean 4,050) = 12,150 -> 12,100
        IncreaseDecided d = borrower().incomes("4000.00", "4100.00").spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals("AFFORDABILITY", d.sizing().boundBy());
        assertEquals(cny("12150.00"), d.sizing().affordabilityCap());
        assertEquals(cny("12100.00"), d.newLimit());
    }

    @Test
    void the_requested_limit_caps_the_increase() {
        IncreaseDecided d = borrower().spec()
                .when(new RequestLimitIncrease("REQ-1", cny("12000"), "APP", "B-1", NOW)).event(IncreaseDecided.class);
        assertEquals("REQUESTED", d.sizing().boundBy());
        assertEquals(cny("12000.00"), d.newLimit());
    }

    @Test
    void the_product_maximum_of_200000_caps_the_limit_and_needs_two_levels() {
        IncreaseDecided d = borrower().limit("150000.00").incomes("80000.00", "81000.00").spec()
                .when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals("PRODUCT_MAX", d.sizing().boundBy());
        assertEquals(cny("200000.00"), d.proposedLimit());
        assertEquals(IncreaseOutcome.REFERRED, d.outcome());
        assertEquals(2, d.reviewLevelsRequired());
    }

    @Test
    void no_headroom_at_the_product_maximum_is_a_decline() {
        IncreaseDecided d = borrower().limit("200000.00").incomes("80000.00", "81000.00").spec()
                .when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertEquals(List.of("NO_HEADROOM"), d.reasons());
    }

    // ---------------------------------------------------------------- review ceilings

    private static DeciderSpec.Then requesting(String limit, String requested) {
        return borrower().limit(limit).incomes("40000.00", "41000.00").spec()
                .when(new RequestLimitIncrease("REQ-1", cny(requested), "APP", "B-1", NOW));
    }

    @Test
    void up_to_the_automatic_ceiling_of_50000_is_approved_automatically() {
        DeciderSpec.Then then = requesting("40000.00", "50000");
        IncreaseDecided d = then.event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, d.outcome());
        assertEquals(0, d.reviewLevelsRequired());
        assertEquals(new CreditLimitChanged(cny("40000.00"), cny("50000.00"), "REQ-1", "AUTOMATIC_INCREASE", 1,
                "test-hash-v1", com.uplift.domain.DeciderRules.CURRENT, NOW), then.event(CreditLimitChanged.class));
    }

    @Test
    void above_the_automatic_ceiling_is_referred_to_level_1() {
        DeciderSpec.Then then = requesting("40000.00", "50100");
        IncreaseDecided d = then.event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, d.outcome());
        assertEquals(1, d.reviewLevelsRequired());
        assertEquals(List.of("ABOVE_AUTO_APPROVAL_CEILING"), d.reasons());
        assertEquals(cny("50100.00"), d.proposedLimit());
        assertNull(d.newLimit());
        then.thenLacks(CreditLimitChanged.class);
    }

    @Test
    void up_to_the_level_1_ceiling_of_100000_needs_one_level_above_it_two() {
        assertEquals(1, requesting("80000.00", "100000").event(IncreaseDecided.class).reviewLevelsRequired());
        assertEquals(2, requesting("80000.00", "100100").event(IncreaseDecided.class).reviewLevelsRequired());
    }

    // ---------------------------------------------------------------- knock-outs and blocking rules

    @Test
    void a_negative_bureau_record_knocks_out() {
        IncreaseDecided d = borrower().negativeRecords("OVERDUE_OTHER_LENDER").spec().when(request("REQ-1"))
                .event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertTrue(d.reasons().contains("NEGATIVE_BUREAU_RECORD"), d.reasons()::toString);
        assertEquals(0, d.assessment().score());
        assertEquals("KO_NEGATIVE_BUREAU_RECORD", d.assessment().principalReasons().get(0));
    }

    @Test
    void too_few_months_on_book_is_declined() {
        IncreaseDecided d = borrower().openedOn(TODAY.minusMonths(5)).spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertTrue(d.reasons().contains("MONTHS_ON_BOOK"), d.reasons()::toString);
    }

    @Test
    void a_second_increase_inside_the_cooling_off_period_is_declined() {
        DeciderSpec afterIncrease = borrower().spec().when(request("REQ-1")).andThen();
        IncreaseDecided d = afterIncrease.when(new RequestLimitIncrease("REQ-2", null, "APP", "B-1",
                NOW.plus(Duration.ofDays(10)))).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome());
        assertEquals(List.of("COOLING_OFF"), d.reasons());
    }

    @Test
    void a_severe_warning_declines_and_a_watch_flag_refers() {
        IncreaseDecided fraud = borrower().then(new RecordServiceNote("客户称身份被盗用，怀疑有人诈骗", "CALL_CENTER", NOW))
                .spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, fraud.outcome());
        assertTrue(fraud.reasons().contains("SEVERE_WARNING"), fraud.reasons()::toString);

        IncreaseDecided dispute = borrower().then(new RecordServiceNote("Customer raised a dispute about a charge", "CHAT", NOW))
                .spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, dispute.outcome());
        assertEquals(List.of("WATCH_FLAG"), dispute.reasons());
        assertEquals(1, dispute.reviewLevelsRequired());
    }

    // ---------------------------------------------------------------- data quality

    @Test
    void income_180_days_old_still_counts() {
        IncreaseDecided d = borrower().newestIncomePeriod(YearMonth.of(2025, 9)).spec()
                .when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", Instant.parse("2026-03-29T02:00:00Z")))
                .event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, d.outcome(), d.rules()::toString);
    }

    @Test
    void income_181_days_old_is_stale_and_refers_for_insufficient_data() {
        IncreaseDecided d = borrower().newestIncomePeriod(YearMonth.of(2025, 9)).spec()
                .when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", Instant.parse("2026-03-30T02:00:00Z")))
                .event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, d.outcome());
        assertEquals(List.of("INSUFFICIENT_DATA_INCOME"), d.reasons());
        assertEquals(DataProblem.STALE, d.assessment().dataQuality().get(0).problem());
        assertEquals(181L, d.assessment().dataQuality().get(0).ageDays());
        assertNull(d.proposedLimit(), "no affordability, no sizing");
    }

    @Test
    void a_bureau_report_30_days_old_still_counts_31_days_is_stale() {
        IncreaseDecided fresh = borrower().spec().when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1",
                Instant.parse("2026-04-14T02:00:00Z"))).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, fresh.outcome(), fresh.rules()::toString);

        IncreaseDecided stale = borrower().spec().when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1",
                Instant.parse("2026-04-15T02:00:00Z"))).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, stale.outcome());
        assertEquals(List.of("INSUFFICIENT_DATA_BUREAU_REPORT"), stale.reasons());
    }

    @Test
    void contradictory_income_is_never_counted_as_good() {
        IncreaseDecided d = borrower()
                .then(new VerifyIncome(cny("30000.00"), IncomeSource.TAX_RECORD, YearMonth.from(TODAY).minusMonths(1), NOW))
                .spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, d.outcome());
        assertEquals(List.of("INSUFFICIENT_DATA_INCOME"), d.reasons());
        assertEquals(DataProblem.CONTRADICTORY, d.assessment().dataQuality().get(0).problem());
    }

    @Test
    void a_missing_bureau_report_refers_rather_than_approves() {
        var commands = borrower().commands();
        commands.removeIf(c -> c instanceof com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport);
        IncreaseDecided d = DeciderSpec.givenCommands(commands.toArray(com.uplift.domain.creditline.CreditLineCommand[]::new))
                .when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.REFERRED, d.outcome());
        assertEquals(List.of("INSUFFICIENT_DATA_BUREAU_REPORT"), d.reasons());
    }

    // ---------------------------------------------------------------- the audit record

    @Test
    void every_rule_is_recorded_with_its_result_and_the_decision_names_policy_inputs_and_arm() {
        IncreaseDecided d = borrower().spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(List.of("MIN_SCORE", "NO_NEGATIVE_BUREAU_RECORD", "NO_OWN_BOOK_BAD_RECORD", "REPAYMENT_RECORD_KNOWN",
                        "NOT_PAST_DUE",
                        "MIN_MONTHS_ON_BOOK", "COOLING_OFF", "NO_SEVERE_WARNING", "NO_BLOCKING_WARNING",
                        "INCOME_VERIFIED", "HEADROOM", "NO_WATCH_FLAG", "AUTO_APPROVAL_CEILING"),
                d.rules().stream().map(RuleResult::rule).toList());
        assertTrue(d.rules().stream().allMatch(r -> r.status() == RuleStatus.PASS));
        assertEquals(1, d.policyVersion());
        assertEquals("test-hash-v1", d.policyContentHash());
        assertEquals(8, d.assessment().breakdown().size());
        assertTrue(d.assessment().inputs().stream().anyMatch(i -> i.input().equals("BUREAU_REPORT") && i.ageDays() == 0L));
        assertEquals("APP", d.channel());
        assertEquals("B-1", d.requestedBy());
        assertTrue(d.strategyArm().equals("CHAMPION") || d.strategyArm().equals("CHALLENGER"));
        assertEquals(cny("10000.00"), d.oldLimit());
    }

    // ---------------------------------------------------------------- validation

    @Test
    void requests_are_validated() {
        DeciderSpec spec = borrower().spec();
        spec.when(new RequestLimitIncrease("REQ-1", cny("9000"), "APP", "B-1", NOW)).thenRejects("REQUESTED_LIMIT_NOT_HIGHER");
        spec.when(new RequestLimitIncrease(" ", null, "APP", "B-1", NOW)).thenRejects("INVALID_COMMAND");
        DeciderSpec referred = requesting("40000.00", "60000").andThen();
        referred.when(new RequestLimitIncrease("REQ-2", null, "APP", "B-1", NOW)).thenRejects("INCREASE_ALREADY_PENDING");
        referred.when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", NOW)).thenRejects("DUPLICATE_REQUEST");
    }
}
