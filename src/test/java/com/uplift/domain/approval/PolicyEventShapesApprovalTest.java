package com.uplift.domain.approval;

import com.uplift.domain.governance.PolicyEvent;
import com.uplift.domain.governance.PolicyEvent.ChallengerEnded;
import com.uplift.domain.governance.PolicyEvent.ChallengerPromotionProposed;
import com.uplift.domain.governance.PolicyEvent.ChallengerRolloutRequested;
import com.uplift.domain.governance.PolicyEvent.ChallengerStarted;
import com.uplift.domain.governance.PolicyEvent.PolicyActivated;
import com.uplift.domain.governance.PolicyEvent.PolicyApproved;
import com.uplift.domain.governance.PolicyEvent.PolicyInstalled;
import com.uplift.domain.governance.PolicyEvent.PolicyProposed;
import com.uplift.domain.governance.PolicyEvent.PolicyRejected;
import com.uplift.domain.policy.Policy;
import com.uplift.eventstore.CanonicalJson;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Freezes the stored shapes of the policy book's events, and with PolicyInstalled the shape of the policy document
 * itself: a policy travels inside its events, so changing the Policy record is an event-shape change too.
 */
class PolicyEventShapesApprovalTest {

    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

    static List<PolicyEvent> samples() {
        Policy shipped = shipped();
        return List.of(
                new PolicyInstalled(1, shipped, "hash-v1", "classpath:policies/policy-v1.json", AT),
                new PolicyProposed(2, new Policy(2, "v2", shipped.timeZone(), shipped.defaultCurrency(), shipped.scorecard(),
                        shipped.dataQuality(), shipped.increase(), shipped.segments(), shipped.grades(), shipped.warnings(),
                        shipped.signalLexicon(), shipped.championChallenger()), "hash-v2", 1, "shorter cooling-off", "admin", AT),
                new PolicyApproved(2, "admin2", "admin", "checked on pilot history", AT),
                new PolicyRejected(3, "admin2", "breaks the affordability cap", AT),
                new PolicyActivated(2, 1, AT),
                new ChallengerRolloutRequested(4, 50, AT),
                new ChallengerStarted(4, 2, 50, "challenger-v4", AT),
                new ChallengerPromotionProposed(4, "admin", "challenger arm's 30+ DPD rate below the champion's", AT),
                new ChallengerEnded(4, "PROMOTED", "admin2", "promoted after six months", AT));
    }

    @Test
    void every_policy_event_type_has_a_sample() {
        Set<String> permitted = Arrays.stream(PolicyEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(permitted, samples().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()));
    }

    @Test
    void samples_round_trip_through_canonical_json() {
        for (PolicyEvent event : samples()) {
            assertEquals(event, CanonicalJson.fromTree(CanonicalJson.toTree(event), event.getClass()), event.getClass().getSimpleName());
        }
    }

    @Test void policyInstalled() { verify(PolicyInstalled.class); }
    @Test void policyProposed() { verify(PolicyProposed.class); }
    @Test void policyApproved() { verify(PolicyApproved.class); }
    @Test void policyRejected() { verify(PolicyRejected.class); }
    @Test void policyActivated() { verify(PolicyActivated.class); }
    @Test void challengerRolloutRequested() { verify(ChallengerRolloutRequested.class); }
    @Test void challengerStarted() { verify(ChallengerStarted.class); }
    @Test void challengerPromotionProposed() { verify(ChallengerPromotionProposed.class); }
    @Test void challengerEnded() { verify(ChallengerEnded.class); }

    private static void verify(Class<? extends PolicyEvent> type) {
        PolicyEvent sample = samples().stream().filter(type::isInstance).findFirst().orElseThrow();
        Approvals.verify(CanonicalJson.pretty(sample), new Options());
    }

    private static Policy shipped() {
        try (InputStream in = PolicyEventShapesApprovalTest.class.getClassLoader().getResourceAsStream("policies/policy-v1.json")) {
            return CanonicalJson.mapper().readValue(in, Policy.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
