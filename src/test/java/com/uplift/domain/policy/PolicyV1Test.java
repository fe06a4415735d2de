package com.uplift.domain.policy;

import com.uplift.domain.TestPolicies;
import com.uplift.eventstore.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped policy deserializes with the canonical mapper and carries the values the business agreed. */
class PolicyV1Test {

    private final Policy policy = TestPolicies.policy();

    @Test
    void pilot_rules_are_in_the_policy() {
        assertEquals(1, policy.version());
        assertEquals("CNY", policy.defaultCurrency());
        assertEquals(70, policy.increase().minScore());
        assertEquals(0, new BigDecimal("30").compareTo(policy.increase().minIncreasePct()));
        assertEquals(0, new BigDecimal("50").compareTo(policy.increase().maxIncreasePct()));
        assertEquals(0, new BigDecimal("200000").compareTo(policy.increase().productMaxLimit()));
        assertEquals(0, new BigDecimal("50000").compareTo(policy.increase().autoApproveCeiling()));
        assertEquals(0, new BigDecimal("100000").compareTo(policy.increase().level1Ceiling()));
        assertEquals(180, policy.dataQuality().maxIncomeAgeDays());
        assertEquals(30, policy.dataQuality().maxBureauAgeDays());
    }

    @Test
    void the_best_bins_add_up_to_100() {
        assertEquals(100, policy.scorecard().maxTotal());
    }

    @Test
    void grades_a_to_e_with_aprs_in_the_published_ranges() {
        assertEquals(List.of("A", "B", "C", "D", "E"), policy.grades().stream().map(GradeBand::grade).toList());
        assertEquals(0, policy.grades().get(4).minScore(), "the lowest band must cover score 0");
        assertEquals(new BigDecimal("7.20"), policy.grades().get(0).aprPercent());
        assertEquals(new BigDecimal("19.80"), policy.grades().get(4).aprPercent());
    }

    @Test
    void warning_rules_cover_every_trigger_and_the_dpd_ladder() {
        assertEquals(Severity.WATCH, rule("DPD_1").severity());
        assertEquals(Severity.WARNING, rule("DPD_30").severity());
        assertEquals(Severity.SEVERE, rule("DPD_60").severity());
        for (WarningTrigger trigger : WarningTrigger.values()) {
            assertTrue(policy.warnings().stream().anyMatch(w -> w.trigger() == trigger), trigger::name);
        }
    }

    @Test
    void every_signal_has_chinese_and_english_terms_and_a_warning_rule() {
        assertEquals(List.of("DISPUTE", "FRAUD_SUSPICION", "HARDSHIP", "JOB_LOSS", "OVER_INDEBTEDNESS"),
                List.copyOf(policy.signalLexicon().keySet()));
        policy.signalLexicon().forEach((code, lexicon) -> {
            assertTrue(!lexicon.zh().isEmpty() && !lexicon.en().isEmpty(), code);
            assertTrue(policy.warnings().stream().anyMatch(w -> code.equals(w.signal())), code);
        });
    }

    @Test
    void prime_segment_overrides_the_increase_percentages_only_where_it_says_so() {
        IncreaseRules prime = policy.increaseFor("PRIME");
        assertEquals(0, new BigDecimal("60").compareTo(prime.maxIncreasePct()));
        assertEquals(policy.increase().minScore(), prime.minScore());
        assertEquals(policy.increase().productMaxLimit(), prime.productMaxLimit());
        assertEquals(policy.increase(), policy.increaseFor("UNKNOWN_SEGMENT"));
        assertEquals(policy.increase(), policy.increaseFor(null));
    }

    @Test
    void champion_challenger_setting_is_read() {
        assertEquals(10, policy.championChallenger().challengerSharePercent());
    }

    @Test
    void unknown_properties_are_refused() {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.toTree(policy);
        tree.put("surprise", 1);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.fromTree(tree, Policy.class));
    }

    @Test
    void policy_round_trips_through_canonical_json() {
        assertEquals(policy, CanonicalJson.fromTree(CanonicalJson.toTree(policy), Policy.class));
    }

    private WarningRule rule(String flag) {
        return policy.warnings().stream().filter(w -> w.flag().equals(flag)).findFirst().orElseThrow();
    }
}
