package com.uplift.domain.policy;

import com.uplift.application.PolicyCatalog;
import com.uplift.domain.DeciderSpec;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.eventstore.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The own-book knock-out's thresholds are policy (issue 11 item 3): a policy may carry {@code ownBookKnockout}, and one
 * that does not (policy v1, and every policy stored before the setting existed) keeps both its content hash and rules
 * v3's defaults (30+ days past due in 12 months).
 */
class OwnBookKnockoutPolicyTest {

    /**
     * The SHA-256 of policy v1's canonical JSON as the build before this setting computed it (and as it is stored in
     * every decision made under v1): the same bytes must still come out, or stored hashes stop matching.
     */
    static final String POLICY_V1_CONTENT_HASH = "99bde5def9cede1e9291c6a31476d6136f58f30d86c3b5e25f09c5e9b12f378e";

    private static final Instant LATER = NOW.plus(Duration.ofDays(91));

    @Test
    void policy_v1_keeps_the_content_hash_it_had_before_policies_could_carry_an_own_book_knockout() {
        Policy v1 = TestPolicies.policy();
        assertEquals(Optional.empty(), v1.ownBookKnockout());
        assertFalse(CanonicalJson.write(v1).contains("ownBookKnockout"), "an absent setting is not written at all");
        assertEquals(POLICY_V1_CONTENT_HASH, PolicyCatalog.hash(v1));
    }

    @Test
    void a_policy_without_the_setting_decides_with_rules_v3s_defaults() {
        assertEquals(new OwnBookKnockout(30, 12, true), TestPolicies.policy().badRecord());
    }

    @Test
    void a_policy_with_the_setting_writes_it_hashes_differently_and_reads_back_the_same() {
        Policy stricter = withKnockout(15, 18, true).rules();
        String json = CanonicalJson.write(stricter);
        assertTrue(json.contains("\"ownBookKnockout\":{\"anyWriteOff\":true,\"daysPastDue\":15,\"lookbackMonths\":18}"), json);
        assertNotEquals(POLICY_V1_CONTENT_HASH, PolicyCatalog.hash(stricter));
        assertEquals(stricter, CanonicalJson.fromTree(CanonicalJson.parse(json), Policy.class));
        assertEquals(new OwnBookKnockout(15, 18, true), stricter.badRecord());
    }

    @Test
    void a_45_days_past_due_episode_is_a_bad_record_under_policy_v1_but_not_under_a_version_that_sets_60_days() {
        IncreaseDecided v1 = episode(45, TODAY).when(requestLater()).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, v1.outcome(), v1::toString);
        assertEquals("worst 45 days past due in the last 12 months vs bad record at 30", ownBook(v1).detail());

        assertEquals("OWN_BOOK_BAD_RECORD", v1.reasons().get(0));

        // under 60 days the episode is no knock-out: the line is declined on its score alone (68), as rules v2 would
        IncreaseDecided lenient = episode(45, TODAY).withPolicy(withKnockout(60, 12, true))
                .when(requestLater()).event(IncreaseDecided.class);
        assertEquals(RuleStatus.PASS, ownBook(lenient).status());
        assertFalse(lenient.reasons().contains("OWN_BOOK_BAD_RECORD"), lenient.reasons()::toString);
        assertEquals("WORST_DAYS_PAST_DUE", lenient.reasons().get(0));
        assertEquals("worst 45 days past due in the last 12 months vs bad record at 60", ownBook(lenient).detail());
    }

    @Test
    void a_20_days_past_due_episode_is_a_bad_record_only_under_a_version_that_sets_15_days() {
        IncreaseDecided v1 = episode(20, TODAY).when(requestLater()).event(IncreaseDecided.class);
        assertEquals(RuleStatus.PASS, ownBook(v1).status(), v1::toString);
        assertEquals(IncreaseOutcome.APPROVED, v1.outcome(), v1::toString);

        IncreaseDecided stricter = episode(20, TODAY).withPolicy(withKnockout(15, 12, true))
                .when(requestLater()).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, stricter.outcome(), stricter::toString);
        assertEquals(List.of("OWN_BOOK_BAD_RECORD"), stricter.reasons().subList(0, 1));
        assertEquals(RuleStatus.FAIL, ownBook(stricter).status());
    }

    @Test
    void an_episode_before_the_lookback_counts_only_under_a_version_that_looks_further_back() {
        // an instalment paid 45 days late 14 months before the request: outside v1's 12 months, inside a version's 18
        java.time.LocalDate paidOn = TODAY.minusMonths(11);
        DeciderSpec old = borrower().then(new RecordRepayment(new BigDecimal("850.00"), paidOn.minusDays(45), paidOn, NOW),
                new ReceiveBureauReport("PBOC", "R-2", 720, List.of(), LATER, LATER)).spec();
        IncreaseDecided v1 = old.when(requestLater()).event(IncreaseDecided.class);
        assertEquals(RuleStatus.PASS, ownBook(v1).status(), v1::toString);

        IncreaseDecided longer = old.withPolicy(withKnockout(30, 18, true)).when(requestLater()).event(IncreaseDecided.class);
        assertEquals(RuleStatus.FAIL, ownBook(longer).status(), longer::toString);
        assertEquals("worst 45 days past due in the last 18 months vs bad record at 30", ownBook(longer).detail());
    }

    @Test
    void a_proposal_with_thresholds_outside_their_ranges_is_refused_naming_each() {
        assertEquals(List.of(), PolicyValidation.problems(withKnockout(30, 12, true).rules()));
        assertEquals(List.of("ownBookKnockout.daysPastDue must lie in 1..180"),
                PolicyValidation.problems(withKnockout(0, 12, true).rules()));
        assertEquals(List.of("ownBookKnockout.daysPastDue must lie in 1..180"),
                PolicyValidation.problems(withKnockout(181, 12, true).rules()));
        assertEquals(List.of("ownBookKnockout.lookbackMonths must lie in 1..26 (the history a line keeps)"),
                PolicyValidation.problems(withKnockout(30, 27, true).rules()));
        assertEquals(List.of("ownBookKnockout.lookbackMonths must lie in 1..26 (the history a line keeps)"),
                PolicyValidation.problems(withKnockout(30, 0, true).rules()));
        assertEquals(List.of("ownBookKnockout.anyWriteOff is required (true: any write-off is a bad record)"),
                PolicyValidation.problems(withKnockout(30, 12, null).rules()));
    }

    private static PolicyVersion withKnockout(int daysPastDue, int lookbackMonths, Boolean anyWriteOff) {
        return TestPolicies.withOwnBookKnockout(daysPastDue, lookbackMonths, anyWriteOff);
    }

    /** A clean year but for one episode this many days past due as of a date, cured; a fresh bureau report later. */
    private static DeciderSpec episode(int daysPastDue, java.time.LocalDate asOf) {
        return borrower()
                .then(new ReportDelinquency(daysPastDue, asOf, NOW),
                        new ReportDelinquency(0, asOf, NOW),
                        new ReceiveBureauReport("PBOC", "R-2", 720, List.of(), LATER, LATER))
                .spec();
    }

    private static RequestLimitIncrease requestLater() {
        return new RequestLimitIncrease("REQ-1", null, "APP", "B-1", LATER);
    }

    private static RuleResult ownBook(IncreaseDecided d) {
        return d.rules().stream().filter(r -> r.rule().equals("NO_OWN_BOOK_BAD_RECORD")).findFirst().orElseThrow();
    }
}
