package com.uplift.domain.governance;

import com.uplift.domain.TestPolicies;
import com.uplift.domain.policy.Policy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Four-eyes on policy changes, decided purely. */
class PolicyBookTest {

    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

    private static PolicyBook fold(PolicyBook book, PolicyBook.Result result) {
        for (PolicyEvent event : assertInstanceOf(PolicyBook.Result.Accepted.class, result).events()) {
            book = PolicyBook.evolve(book, event);
        }
        return book;
    }

    private static Policy numbered(int version) {
        Policy p = TestPolicies.v1().rules();
        return new Policy(version, "v" + version, p.timeZone(), p.defaultCurrency(), p.scorecard(), p.dataQuality(),
                p.increase(), p.segments(), p.grades(), p.warnings(), p.signalLexicon(), p.championChallenger());
    }

    private static PolicyBook installed() {
        return fold(PolicyBook.EMPTY, PolicyBook.decide(new PolicyCommand.InstallShippedPolicy(numbered(1), "h1", "classpath", AT), PolicyBook.EMPTY));
    }

    @Test
    void theShippedPolicyIsInstalledOnlyIntoAnEmptyBookAndIsActive() {
        PolicyBook book = installed();
        assertEquals(1, book.activeVersion());
        assertEquals(PolicyBook.Status.ACTIVE, book.versions().get(1).status());
        PolicyBook.Result again = PolicyBook.decide(new PolicyCommand.InstallShippedPolicy(numbered(1), "h1", "classpath", AT), book);
        assertEquals("BOOK_NOT_EMPTY", assertInstanceOf(PolicyBook.Result.Rejected.class, again).rejection().code());
    }

    @Test
    void aProposalIsInForceOnlyAfterAnotherAdminApprovesIt() {
        PolicyBook book = fold(installed(), PolicyBook.decide(
                new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "why", "alice", AT), installed()));
        assertEquals(1, book.activeVersion());
        assertEquals(PolicyBook.Status.PROPOSED, book.versions().get(2).status());

        PolicyBook.Result self = PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "alice", "ok", AT), book);
        assertEquals("FOUR_EYES", assertInstanceOf(PolicyBook.Result.Rejected.class, self).rejection().code());

        PolicyBook.Result other = PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), book);
        List<PolicyEvent> events = assertInstanceOf(PolicyBook.Result.Accepted.class, other).events();
        assertEquals(List.of(new PolicyEvent.PolicyApproved(2, "bob", "alice", "ok", AT), new PolicyEvent.PolicyActivated(2, 1, AT)), events);
        PolicyBook after = fold(book, other);
        assertEquals(2, after.activeVersion());
        assertEquals(PolicyBook.Status.RETIRED, after.versions().get(1).status());
        assertEquals("bob", after.versions().get(2).approvedBy());
    }

    @Test
    void versionsAreNumberedInOrderAndOnlyProposalsCanBeApprovedOrRejected() {
        PolicyBook book = installed();
        PolicyBook.Result skipped = PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(3), "h3", 1, "why", "alice", AT), book);
        assertEquals("WRONG_VERSION", assertInstanceOf(PolicyBook.Result.Rejected.class, skipped).rejection().code());
        PolicyBook.Result approveActive = PolicyBook.decide(new PolicyCommand.ApprovePolicy(1, "bob", "ok", AT), book);
        assertEquals("NOT_PROPOSED", assertInstanceOf(PolicyBook.Result.Rejected.class, approveActive).rejection().code());

        PolicyBook proposed = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "why", "alice", AT), book));
        PolicyBook rejected = fold(proposed, PolicyBook.decide(new PolicyCommand.RejectPolicy(2, "bob", "no", AT), proposed));
        assertEquals(PolicyBook.Status.REJECTED, rejected.versions().get(2).status());
        assertEquals(1, rejected.activeVersion());
        assertEquals(3, rejected.nextVersion());
    }

    @Test
    void aChampionMayNameAsChallengerOnlyAVersionThatWasItselfApproved() {
        PolicyBook book = installed();
        book = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "candidate", "alice", AT), book));
        Policy base = numbered(3);
        Policy namingTwo = new Policy(3, "v3", base.timeZone(), base.defaultCurrency(), base.scorecard(), base.dataQuality(),
                base.increase(), base.segments(), base.grades(), base.warnings(), base.signalLexicon(),
                new com.uplift.domain.policy.ChampionChallenger(10, 2, "exp"));
        book = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(namingTwo, "h3", 1, "a/b", "alice", AT), book));

        PolicyBook.Result approve = PolicyBook.decide(new PolicyCommand.ApprovePolicy(3, "bob", "ok", AT), book);
        assertEquals("CHALLENGER_NOT_APPROVED", assertInstanceOf(PolicyBook.Result.Rejected.class, approve).rejection().code());
    }

    @Test
    void aPolicyThatWouldBreakDecisionsOrTheRegulatoryCapIsRefusedAtProposal() {
        Policy p = numbered(2);
        com.uplift.domain.policy.IncreaseRules r = p.increase();
        com.uplift.domain.policy.IncreaseRules broken = new com.uplift.domain.policy.IncreaseRules(r.minScore(), r.minMonthsOnBook(),
                r.coolingOffDays(), r.minIncreasePct(), r.maxIncreasePct(), r.scoreAtMinPct(), r.scoreAtMaxPct(),
                r.affordabilityMultiple(), new java.math.BigDecimal("300000"), java.math.BigDecimal.ZERO,
                r.autoApproveCeiling(), r.level1Ceiling());
        Policy bad = new Policy(2, "bad", "Mars/Olympus", p.defaultCurrency(), p.scorecard(), p.dataQuality(), broken,
                p.segments(), p.grades(), p.warnings(), p.signalLexicon(), p.championChallenger());
        PolicyBook.Result result = PolicyBook.decide(new PolicyCommand.ProposePolicy(bad, "hb", 1, "oops", "alice", AT), installed());
        String message = assertInstanceOf(PolicyBook.Result.Rejected.class, result).rejection().message();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("timeZone") && message.contains("roundingUnit")
                && message.contains("productMaxLimit"), message);
        org.junit.jupiter.api.Assertions.assertTrue(com.uplift.domain.policy.PolicyValidation.problems(TestPolicies.v1().rules()).isEmpty(),
                "the shipped policy is valid");
    }
}
