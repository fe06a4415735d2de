package com.uplift.domain.creditline;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.Fixtures;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewDecrease;
import com.uplift.domain.creditline.CreditLineCommand.SetTier;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReferralExpired;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.decrease.DecreaseOutcome;
import com.uplift.domain.decrease.DecreaseStatus;
import com.uplift.domain.decrease.TriggerHit;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.policy.PolicyValidation;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules v5: limits decrease on deterioration and tiers move, under a policy with the {@code decreases} and
 * {@code tiering} sections (policies/sections/decreases-and-tiering.json); policy v1, which has neither, and rules
 * v1-v4 do neither.
 */
class DecreasesAndTiersTest {

    private static final PolicyVersion POLICY = TestPolicies.withDecreasesAndTiering();

    /** DPD_60 referred to {@code levels} review levels instead of applied at once. */
    private static PolicyVersion referred(int levels) {
        return TestPolicies.withDecreasesAndTiering(sections -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases").get("triggers").get(0))
                    .put("reviewLevels", levels);
            return sections;
        });
    }

    /** DPD_60 referred to {@code levels} review levels, applied unreviewed {@code afterDays} after the referral. */
    private static PolicyVersion referredExpiringAfter(int levels, int afterDays) {
        return TestPolicies.withDecreasesAndTiering(sections -> {
            var decreases = (com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases");
            ((com.fasterxml.jackson.databind.node.ObjectNode) decreases.get("triggers").get(0)).put("reviewLevels", levels);
            decreases.putObject("referralExpiry").put("afterDays", afterDays);
            return sections;
        });
    }

    /** The good borrower with 2,500 drawn of 10,000, under a policy. */
    private static DeciderSpec drawnLine(PolicyVersion policy) {
        return DeciderSpec.givenCommands(policy, Fixtures.borrower()
                .then(new RecordDrawdown(cny("2500.00"), NOW)).commands().toArray(CreditLineCommand[]::new));
    }

    @Test
    void sixty_five_days_past_due_decreases_the_limit_to_drawn_plus_the_buffer_at_once_with_reasons() {
        DeciderSpec.Then then = drawnLine(POLICY).when(new ReportDelinquency(65, TODAY, NOW));

        LimitDecreaseDecided decided = then.event(LimitDecreaseDecided.class);
        assertEquals("LD-1", decided.decreaseId());
        assertEquals(DecreaseOutcome.APPLIED, decided.outcome());
        assertEquals(cny("10000.00"), decided.oldLimit());
        assertEquals(cny("2500.00"), decided.drawn());
        assertEquals(cny("3500.00"), decided.newLimit()); // 2,500 drawn + 10% of 10,000
        assertEquals(List.of(new TriggerHit("DPD_60", "DAYS_PAST_DUE 65 >= 60", "PAST_DUE")), decided.triggers());
        assertEquals(List.of("PAST_DUE"), decided.reasons());
        assertEquals(NOW.plus(Duration.ofDays(90)), decided.increasesFrozenUntil());
        assertEquals(5, decided.rulesVersion());

        CreditLimitChanged changed = then.event(CreditLimitChanged.class);
        assertEquals("AUTOMATIC_DECREASE", changed.cause());
        assertEquals("LD-1", changed.requestId());
        assertEquals(cny("3500.00"), changed.newLimit());
        // the new limit changes utilization: the line is re-assessed on it in the same batch
        assertEquals("CreditLimitChanged", then.all(RiskAssessed.class).getLast().trigger());

        CreditLineState after = then.andThen().state();
        assertEquals(cny("3500.00"), after.limit());
        assertEquals(NOW.plus(Duration.ofDays(90)), after.increasesFrozenUntil());
    }

    @Test
    void time_passing_alone_takes_a_missed_instalment_to_65_days_and_the_limit_down() {
        DeciderSpec missed = drawnLine(POLICY).andCommands(
                new CreditLineCommand.RecordMissedPayment(TODAY.minusDays(30), cny("1000.00"), NOW));
        Instant later = NOW.plus(Duration.ofDays(35));
        DeciderSpec.Then then = missed.when(new CreditLineCommand.ReassessOverTime(later));
        LimitDecreaseDecided decided = then.event(LimitDecreaseDecided.class);
        assertEquals(List.of(new TriggerHit("DPD_60", "DAYS_PAST_DUE 65 >= 60", "PAST_DUE")), decided.triggers());
        assertEquals(cny("3500.00"), then.event(CreditLimitChanged.class).newLimit());
    }

    @Test
    void time_passing_moves_a_prime_line_whose_bureau_report_went_stale_back_to_standard() {
        DeciderSpec line = DeciderSpec.givenCommands(POLICY, Fixtures.borrower().commands().toArray(CreditLineCommand[]::new));
        assertEquals("PRIME", line.state().segment());
        TierChanged moved = line.when(new CreditLineCommand.ReassessOverTime(NOW.plus(Duration.ofDays(31))))
                .event(TierChanged.class);
        assertEquals("PRIME", moved.fromTier());
        assertEquals("STANDARD", moved.toTier());
        assertEquals("tiering rule 2 (STANDARD)", moved.reasons().getFirst());
    }

    @Test
    void policy_v1_and_rules_v4_never_decrease() {
        drawnLine(TestPolicies.v1()).when(new ReportDelinquency(65, TODAY, NOW))
                .thenLacks(LimitDecreaseDecided.class).thenLacks(CreditLimitChanged.class);
        drawnLine(POLICY).underRules(4).when(new ReportDelinquency(65, TODAY, NOW))
                .thenLacks(LimitDecreaseDecided.class).thenLacks(CreditLimitChanged.class);
    }

    @Test
    void below_the_trigger_nothing_decreases() {
        drawnLine(POLICY).when(new ReportDelinquency(59, TODAY, NOW))
                .thenLacks(LimitDecreaseDecided.class).thenLacks(CreditLimitChanged.class);
    }

    @Test
    void a_trigger_that_holds_decides_once_per_cooling_off_not_on_every_fact() {
        DeciderSpec decreased = drawnLine(POLICY).andCommands(new ReportDelinquency(65, TODAY, NOW));
        Instant later = NOW.plus(Duration.ofDays(10));
        decreased.when(new ReportDelinquency(75, TODAY.plusDays(10), later)).thenLacks(LimitDecreaseDecided.class);
        Instant afterCoolingOff = NOW.plus(Duration.ofDays(91));
        LimitDecreaseDecided second = decreased.when(new ReportDelinquency(156, TODAY.plusDays(91), afterCoolingOff))
                .event(LimitDecreaseDecided.class);
        assertEquals("LD-2", second.decreaseId());
        assertEquals(cny("2900.00"), second.newLimit()); // 2,500 drawn + 10% of 3,500, rounded up to the unit of 100
    }

    @Test
    void a_referred_decrease_waits_for_two_levels_by_two_people_and_then_applies() {
        DeciderSpec referred = drawnLine(referred(2)).andCommands(new ReportDelinquency(65, TODAY, NOW));
        LimitDecreaseDecided decided = (LimitDecreaseDecided) referred.history().stream()
                .filter(LimitDecreaseDecided.class::isInstance).findFirst().orElseThrow();
        assertEquals(DecreaseOutcome.REFERRED, decided.outcome());
        assertNull(decided.newLimit());
        assertEquals(cny("3500.00"), decided.proposedLimit());
        assertEquals(2, decided.reviewLevelsRequired());
        assertEquals(cny("10000.00"), referred.state().limit());
        assertTrue(referred.state().increasesFrozenAt(NOW), "a decrease awaiting review freezes increases");

        referred.when(new ReviewDecrease("LD-1", "RO-1", 2, ReviewOutcome.APPROVE, null, "ok", NOW))
                .thenRejects("WRONG_REVIEW_LEVEL");
        DeciderSpec first = referred.andCommands(
                new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.APPROVE, null, "call notes checked", NOW));
        assertEquals(DecreaseStatus.PENDING, first.history().getLast() instanceof LimitDecreaseReviewed r
                ? r.statusAfter() : null);
        first.when(new ReviewDecrease("LD-1", "RO-1", 2, ReviewOutcome.APPROVE, null, "again", NOW))
                .thenRejects("ALREADY_REVIEWED");
        first.when(new ReviewDecrease("LD-1", "SR-1", 2, ReviewOutcome.APPROVE, cny("2000.00"), "too low", NOW))
                .thenRejects("BELOW_DRAWN");
        first.when(new ReviewDecrease("LD-1", "SR-1", 2, ReviewOutcome.APPROVE, cny("10000.00"), "no cut", NOW))
                .thenRejects("NOT_A_DECREASE");

        DeciderSpec.Then approved = first.when(
                new ReviewDecrease("LD-1", "SR-1", 2, ReviewOutcome.APPROVE, null, "agreed", NOW));
        LimitDecreaseReviewed review = approved.event(LimitDecreaseReviewed.class);
        assertEquals(DecreaseStatus.APPLIED, review.statusAfter());
        assertEquals(cny("3500.00"), review.approvedLimit());
        assertEquals(NOW.plus(Duration.ofDays(90)), review.increasesFrozenUntil());
        CreditLimitChanged changed = approved.event(CreditLimitChanged.class);
        assertEquals("REVIEWED_DECREASE", changed.cause());
        assertEquals(cny("3500.00"), approved.andThen().state().limit());
        assertNull(approved.andThen().state().decreases().pending());
    }

    /**
     * Probe finding F1: a decrease referred under a policy with a {@code decreases} section (here numbered 7, 90 days'
     * cooling-off) whose line then moves to one without (policy v1, as a challenger arm or a new champion does) is
     * reviewed under the version it was referred under, so its approval freezes increases for the 90 days it was
     * decided on, not for the 0 days of a policy that never lowers a limit.
     */
    @Test
    void a_referred_decrease_is_reviewed_under_the_policy_it_was_referred_under_whatever_the_line_moved_to() {
        PolicyVersion referredUnder = TestPolicies.withDecreasesAndTiering(sections -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases").get("triggers").get(0))
                    .put("reviewLevels", 1);
            return sections.put("version", 7);
        });
        DeciderSpec referred = drawnLine(referredUnder).andCommands(new ReportDelinquency(65, TODAY, NOW))
                .withPolicy(TestPolicies.v1());
        ReviewDecrease approve = new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.APPROVE, null, "ok", NOW.plusSeconds(60));

        assertEquals(7, referred.state().decreases().pending().policyVersion());
        assertEquals(java.util.OptionalInt.of(7), CreditLineDecider.policyVersionToDecide(approve, referred.state()));
        // another decrease's review, and any other command, is decided under the line's current policy
        assertEquals(java.util.OptionalInt.empty(), CreditLineDecider.policyVersionToDecide(
                new ReviewDecrease("LD-2", "RO-1", 1, ReviewOutcome.APPROVE, null, "ok", NOW), referred.state()));
        assertEquals(java.util.OptionalInt.empty(), CreditLineDecider.policyVersionToDecide(
                new ReportDelinquency(70, TODAY, NOW), referred.state()));

        DeciderSpec.Then approved = referred.withPolicy(referredUnder).when(approve);
        LimitDecreaseReviewed review = approved.event(LimitDecreaseReviewed.class);
        assertEquals(DecreaseStatus.APPLIED, review.statusAfter());
        assertEquals(7, review.policyVersion());
        assertEquals(NOW.plusSeconds(60).plus(Duration.ofDays(90)), review.increasesFrozenUntil());
        assertEquals(7, approved.event(CreditLimitChanged.class).policyVersion());
        assertEquals(cny("3500.00"), approved.andThen().state().limit());
        assertTrue(approved.andThen().state().increasesFrozenAt(NOW.plus(Duration.ofDays(89))));
    }

    @Test
    void a_referral_nobody_reviews_within_the_window_is_applied_unreviewed_by_the_passing_of_time() {
        DeciderSpec referred = drawnLine(referredExpiringAfter(2, 5)).andCommands(new ReportDelinquency(65, TODAY, NOW));
        referred.when(new ReassessOverTime(NOW.plus(Duration.ofDays(5)).minusSeconds(1)))
                .thenLacks(LimitDecreaseReferralExpired.class);

        DeciderSpec.Then expired = referred.when(new ReassessOverTime(NOW.plus(Duration.ofDays(5))));
        LimitDecreaseReferralExpired lapse = expired.event(LimitDecreaseReferralExpired.class);
        assertEquals("LD-1", lapse.decreaseId());
        assertEquals(1, lapse.levelAwaited());
        assertEquals(5, lapse.afterDays());
        assertEquals(DecreaseStatus.APPLIED, lapse.statusAfter());
        assertEquals(cny("3500.00"), lapse.newLimit());
        assertEquals(cny("2500.00"), lapse.drawn());
        assertEquals(NOW.plus(Duration.ofDays(5 + 90)), lapse.increasesFrozenUntil());
        CreditLimitChanged changed = expired.event(CreditLimitChanged.class);
        assertEquals("REFERRAL_EXPIRED", changed.cause());
        assertEquals("LD-1", changed.requestId());
        CreditLineState after = expired.andThen().state();
        assertEquals(cny("3500.00"), after.limit());
        assertNull(after.decreases().pending());
        // concluded: a late review finds nothing pending, and the cooling-off holds off another proposal
        expired.andThen().when(new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.APPROVE, null, "late", NOW.plus(Duration.ofDays(6))))
                .thenRejects("DECREASE_NOT_PENDING");
        expired.andThen().when(new ReportDelinquency(75, TODAY.plusDays(10), NOW.plus(Duration.ofDays(10))))
                .thenLacks(LimitDecreaseDecided.class);
    }

    @Test
    void an_expired_referral_applies_what_the_first_level_approved_floored_at_the_drawn_balance() {
        DeciderSpec reviewedOnce = drawnLine(referredExpiringAfter(2, 5)).andCommands(new ReportDelinquency(65, TODAY, NOW),
                new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.APPROVE, cny("3000.00"), "deeper", NOW.plusSeconds(60)));
        LimitDecreaseReferralExpired atLevel2 = reviewedOnce.when(new ReassessOverTime(NOW.plus(Duration.ofDays(5))))
                .event(LimitDecreaseReferralExpired.class);
        assertEquals(2, atLevel2.levelAwaited());
        assertEquals(cny("3000.00"), atLevel2.newLimit());

    }

    @Test
    void an_expired_referral_is_floored_at_what_was_drawn_meanwhile_and_lapses_when_nothing_is_left() {
        // a new bureau negative (a WARNING flag: drawdowns go on) refers a 30% cut, 10,000 -> 7,000, to one level
        Instant reported = NOW.plusSeconds(60);
        DeciderSpec referred = drawnLine(referredExpiringAfter(0, 5)).andCommands(
                new ReceiveBureauReport("PBOC", "R-9", 700, List.of("COURT_JUDGMENT"), reported, reported));
        assertEquals(cny("7000.00"), referred.state().decreases().pending().proposedLimit());

        // drawn up to 7,500 while it waited: the decrease takes only what is left, never money already lent
        LimitDecreaseReferralExpired floored = referred.andCommands(new RecordDrawdown(cny("5000.00"), NOW.plusSeconds(120)))
                .when(new ReassessOverTime(reported.plus(Duration.ofDays(5)))).event(LimitDecreaseReferralExpired.class);
        assertEquals(DecreaseStatus.APPLIED, floored.statusAfter());
        assertEquals(cny("7500.00"), floored.newLimit());

        // drawn to the limit: nothing to take, so it lapses with no limit change
        DeciderSpec.Then lapsed = referred.andCommands(new RecordDrawdown(cny("7500.00"), NOW.plusSeconds(120)))
                .when(new ReassessOverTime(reported.plus(Duration.ofDays(5))));
        assertEquals(DecreaseStatus.LAPSED, lapsed.event(LimitDecreaseReferralExpired.class).statusAfter());
        assertNull(lapsed.event(LimitDecreaseReferralExpired.class).newLimit());
        lapsed.thenLacks(CreditLimitChanged.class);
        assertEquals(cny("10000.00"), lapsed.andThen().state().limit());
        assertNull(lapsed.andThen().state().decreases().pending());
    }

    @Test
    void without_a_referral_expiry_in_the_policy_a_referral_waits_for_its_review_however_long() {
        DeciderSpec referred = drawnLine(referred(2)).andCommands(new ReportDelinquency(65, TODAY, NOW));
        DeciderSpec later = referred.andCommands(new ReassessOverTime(NOW.plus(Duration.ofDays(89))));
        assertTrue(later.history().stream().noneMatch(LimitDecreaseReferralExpired.class::isInstance));
        assertEquals("LD-1", later.state().decreases().pending().decreaseId());
        assertEquals(cny("10000.00"), later.state().limit());
    }

    @Test
    void a_referral_expiry_outside_one_to_ninety_days_is_refused_by_validation() {
        assertTrue(PolicyValidation.problems(referredExpiringAfter(1, 0).rules()).stream()
                .anyMatch(p -> p.contains("decreases.referralExpiry.afterDays must lie in 1..90")));
        assertTrue(PolicyValidation.problems(referredExpiringAfter(1, 91).rules()).stream()
                .anyMatch(p -> p.contains("decreases.referralExpiry.afterDays")));
        assertTrue(PolicyValidation.problems(referredExpiringAfter(1, 5).rules()).isEmpty());
    }

    @Test
    void a_declined_decrease_keeps_the_limit_does_not_freeze_increases_and_quiets_the_trigger() {
        DeciderSpec referred = drawnLine(referred(1)).andCommands(new ReportDelinquency(65, TODAY, NOW));
        referred.when(new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.DECLINE, null, " ", NOW))
                .thenRejects("COMMENT_REQUIRED");
        DeciderSpec declined = referred.andCommands(
                new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.DECLINE, null, "payment plan agreed", NOW));
        assertEquals(cny("10000.00"), declined.state().limit());
        assertNull(declined.state().increasesFrozenUntil());
        declined.when(new ReportDelinquency(70, TODAY.plusDays(5), NOW.plus(Duration.ofDays(5))))
                .thenLacks(LimitDecreaseDecided.class);
        declined.when(new ReviewDecrease("LD-1", "SR-1", 1, ReviewOutcome.APPROVE, null, "late", NOW))
                .thenRejects("DECREASE_NOT_PENDING");
    }

    @Test
    void an_increase_inside_the_cooling_off_fails_the_decrease_rule_and_passes_it_after() {
        DeciderSpec decreased = drawnLine(POLICY).andCommands(new ReportDelinquency(65, TODAY, NOW),
                new ReportDelinquency(0, TODAY, NOW.plusSeconds(60)));
        IncreaseDecided inside = decreased.when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1",
                NOW.plus(Duration.ofDays(30)))).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, inside.outcome());
        assertEquals(RuleStatus.FAIL, rule(inside, "NO_LIMIT_DECREASE").status());

        IncreaseDecided outside = decreased.when(new RequestLimitIncrease("REQ-2", null, "APP", "B-1",
                NOW.plus(Duration.ofDays(91)))).event(IncreaseDecided.class);
        assertEquals(RuleStatus.PASS, rule(outside, "NO_LIMIT_DECREASE").status());
    }

    /**
     * An income drop decreases the limit at once (under a policy where it does); when the income recovers, the
     * warnings clear, and the freeze alone declines an increase, quoting it to the customer.
     */
    @Test
    void when_the_freeze_is_all_that_stands_in_the_way_the_customer_is_told_so() {
        PolicyVersion incomeDropAtOnce = TestPolicies.withDecreasesAndTiering(sections -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases").get("triggers").get(2))
                    .put("reviewLevels", 0);
            return sections;
        });
        java.time.YearMonth january = java.time.YearMonth.of(2026, 1);
        DeciderSpec line = DeciderSpec.givenCommands(incomeDropAtOnce, Fixtures.borrower().newestIncomePeriod(january)
                .then(new RecordDrawdown(cny("2500.00"), NOW)).commands().toArray(CreditLineCommand[]::new));
        DeciderSpec.Then dropped = line.when(Fixtures.income("10000.00", january.plusMonths(1),
                com.uplift.domain.history.IncomeSource.BANK_STATEMENT));
        LimitDecreaseDecided decided = dropped.event(LimitDecreaseDecided.class);
        assertEquals(DecreaseOutcome.APPLIED, decided.outcome());
        assertEquals(List.of("INCOME_TREND"), decided.reasons());
        assertEquals(cny("7500.00"), decided.newLimit()); // a 25% cut

        DeciderSpec recovered = dropped.andThen().andCommands(Fixtures.income("21000.00", january.plusMonths(2),
                com.uplift.domain.history.IncomeSource.BANK_STATEMENT));
        IncreaseDecided inside = recovered.when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1",
                NOW.plus(Duration.ofDays(1)))).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, inside.outcome());
        assertEquals(List.of("LIMIT_DECREASE"), inside.reasons());
    }

    @Test
    void under_policy_v1_an_increase_records_no_decrease_rule() {
        IncreaseDecided decided = Fixtures.goodBorrower().when(Fixtures.request("REQ-1")).event(IncreaseDecided.class);
        assertTrue(decided.rules().stream().noneMatch(r -> r.rule().equals("NO_LIMIT_DECREASE")));
    }

    @Test
    void a_bureau_negative_is_referred_to_one_level_with_the_decline_reason() {
        LimitDecreaseDecided decided = drawnLine(POLICY)
                .when(new ReceiveBureauReport("PBOC", "R-2", 640, List.of("COURT_JUDGMENT"), NOW, NOW))
                .event(LimitDecreaseDecided.class);
        assertEquals(DecreaseOutcome.REFERRED, decided.outcome());
        assertEquals(1, decided.reviewLevelsRequired());
        assertEquals(cny("7000.00"), decided.proposedLimit()); // a 30% cut
        assertEquals(List.of("NEGATIVE_BUREAU_RECORD"), decided.reasons());
    }

    @Test
    void a_seasoned_clean_line_moves_to_prime_with_its_reasons_and_gets_prime_increases() {
        DeciderSpec line = DeciderSpec.givenCommands(POLICY, Fixtures.borrower().commands().toArray(CreditLineCommand[]::new));
        TierChanged moved = (TierChanged) line.history().stream().filter(TierChanged.class::isInstance)
                .findFirst().orElseThrow();
        assertEquals("STANDARD", moved.fromTier());
        assertEquals("PRIME", moved.toTier());
        assertEquals(TierChanged.BY_RULES, moved.cause());
        assertEquals("tiering rule 1 (PRIME)", moved.reasons().getFirst());
        assertTrue(moved.reasons().contains("monthsOnBook 13 >= 12"), moved.reasons().toString());
        assertEquals("PRIME", line.state().segment());
        // PRIME's scheme (35-60%) applies: the same line sized under STANDARD (30-50%) gets less
        IncreaseDecided prime = line.when(Fixtures.request("REQ-1")).event(IncreaseDecided.class);
        IncreaseDecided standard = Fixtures.goodBorrower().when(Fixtures.request("REQ-1")).event(IncreaseDecided.class);
        assertEquals("PRIME", prime.segment());
        assertTrue(prime.proposedLimit().compareTo(standard.proposedLimit()) > 0,
                prime.proposedLimit() + " vs " + standard.proposedLimit());
    }

    @Test
    void a_tier_set_by_hand_holds_against_the_rules_for_the_hold_and_then_the_rules_move_it() {
        DeciderSpec line = DeciderSpec.givenCommands(POLICY, Fixtures.borrower().commands().toArray(CreditLineCommand[]::new));
        TierChanged set = line.when(new SetTier("NEW_TO_CREDIT", "income under investigation", "senior1", NOW))
                .event(TierChanged.class);
        assertEquals(new TierChanged("PRIME", "NEW_TO_CREDIT", TierChanged.BY_HAND, List.of("income under investigation"),
                "senior1", 1, "test-variant", 5, NOW), set);
        DeciderSpec held = line.andCommands(new SetTier("NEW_TO_CREDIT", "income under investigation", "senior1", NOW));
        held.when(new RecordDrawdown(cny("100.00"), NOW.plus(Duration.ofDays(10)))).thenLacks(TierChanged.class);
        Instant afterHold = NOW.plus(Duration.ofDays(91));
        TierChanged back = held.when(new ReceiveBureauReport("PBOC", "R-3", 720, List.of(), afterHold, afterHold))
                .event(TierChanged.class);
        assertEquals("PRIME", back.toTier());
        assertEquals(TierChanged.BY_RULES, back.cause());
    }

    @Test
    void a_tier_set_by_hand_must_be_known_different_and_under_rules_v5() {
        DeciderSpec line = Fixtures.goodBorrower();
        line.when(new SetTier("GOLD", "why not", "senior1", NOW)).thenRejects("UNKNOWN_SEGMENT");
        line.when(new SetTier("STANDARD", "same", "senior1", NOW)).thenRejects("TIER_UNCHANGED");
        line.when(new SetTier("PRIME", " ", "senior1", NOW)).thenRejects("INVALID_COMMAND");
        line.underRules(4).when(new SetTier("PRIME", "reason", "senior1", NOW)).thenRejects("NOT_SUPPORTED");
        assertEquals("PRIME", line.when(new SetTier("PRIME", "payroll verified by branch", "senior1", NOW))
                .event(TierChanged.class).toTier());
    }

    @Test
    void policy_v1_moves_no_tier() {
        assertTrue(Fixtures.goodBorrower().history().stream().noneMatch(TierChanged.class::isInstance));
    }

    @Test
    void the_sections_are_validated() {
        assertEquals(List.of(), PolicyValidation.problems(POLICY.rules()));
        PolicyVersion broken = TestPolicies.withDecreasesAndTiering(sections -> {
            var trigger = (com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases").get("triggers").get(0);
            trigger.put("percent", 100).put("method", "PERCENT_OF_LIMIT").put("reviewLevels", 3);
            ((com.fasterxml.jackson.databind.node.ObjectNode) sections.get("tiering").get("rules").get(0)).put("tier", "GOLD");
            ((com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases")).put("coolingOffDays", -1);
            return sections;
        });
        List<String> problems = PolicyValidation.problems(broken.rules());
        assertEquals(List.of(
                "decreases.coolingOffDays must lie in 0..365",
                "decreases.triggers[0].percent must lie in (0, 100) for PERCENT_OF_LIMIT",
                "decreases.triggers[0].reviewLevels must be 0 (automatic), 1 or 2",
                "tiering.rules[0].tier must be STANDARD or one of the segments [NEW_TO_CREDIT, PRIME]"), problems);
    }

    private static RuleResult rule(IncreaseDecided decided, String name) {
        return decided.rules().stream().filter(r -> r.rule().equals(name)).findFirst().orElseThrow();
    }
}
