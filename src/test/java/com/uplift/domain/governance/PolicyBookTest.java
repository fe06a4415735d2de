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

    /** v1 in force, v2 proposed by alice as challenger at {@code share}%. */
    private static PolicyBook challengerProposed(int share) {
        PolicyBook book = installed();
        return fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "fitted", "alice", share, AT), book));
    }

    private static String refusal(PolicyBook.Result result) {
        return assertInstanceOf(PolicyBook.Result.Rejected.class, result).rejection().code();
    }

    @Test
    void aVersionApprovedAsChallengerDecidesItsShareWhileTheChampionStaysInForce() {
        PolicyBook proposed = challengerProposed(30);
        assertEquals(30, proposed.versions().get(2).challengerSharePercent());
        assertEquals("FOUR_EYES", refusal(PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "alice", "ok", AT), proposed)));

        PolicyBook.Result approved = PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), proposed);
        assertEquals(List.of(new PolicyEvent.PolicyApproved(2, "bob", "alice", "ok", AT),
                new PolicyEvent.ChallengerStarted(2, 1, 30, "challenger-v2", AT)),
                assertInstanceOf(PolicyBook.Result.Accepted.class, approved).events());
        PolicyBook running = fold(proposed, approved);
        assertEquals(1, running.activeVersion(), "the champion keeps deciding the rest");
        assertEquals(PolicyBook.Status.APPROVED, running.versions().get(2).status());
        assertEquals(new PolicyBook.Challenger(2, 1, 30, "challenger-v2", null), running.challenger());
        assertEquals(new com.uplift.domain.policy.ChampionChallenger(30, 2, "challenger-v2"), running.challengerSetting());
    }

    @Test
    void aChallengerShareOutsideOneToFiftyAndASecondChallengerAreRefused() {
        PolicyBook book = installed();
        for (int share : new int[] {0, 51, 100, -5}) {
            assertEquals("CHALLENGER_SHARE_OUT_OF_RANGE", refusal(PolicyBook.decide(
                    new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "fitted", "alice", share, AT), book)), share + "%");
        }
        PolicyBook proposed = challengerProposed(50);
        PolicyBook running = fold(proposed, PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), proposed));
        assertEquals("CHALLENGER_RUNNING", refusal(PolicyBook.decide(
                new PolicyCommand.ProposePolicy(numbered(3), "h3", 1, "another", "alice", 10, AT), running)));
        // a new champion would change what the running experiment compares against
        PolicyBook champion = fold(running, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(3), "h3", 1, "new", "alice", AT), running));
        assertEquals("CHALLENGER_RUNNING", refusal(PolicyBook.decide(new PolicyCommand.ApprovePolicy(3, "bob", "ok", AT), champion)));
    }

    @Test
    void promotingTheChallengerIsFourEyesAndMakesItTheChampion() {
        PolicyBook proposed = challengerProposed(50);
        PolicyBook running = fold(proposed, PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), proposed));
        assertEquals("NOT_THE_CHALLENGER", refusal(PolicyBook.decide(new PolicyCommand.ProposePromotion(1, "alice", "why", AT), running)));
        assertEquals("NOT_PROPOSED", refusal(PolicyBook.decide(new PolicyCommand.ApprovePromotion(2, "bob", "ok", AT), running)));

        PolicyBook promoting = fold(running, PolicyBook.decide(new PolicyCommand.ProposePromotion(2, "alice", "lower DPD", AT), running));
        assertEquals("alice", promoting.challenger().promotionProposedBy());
        assertEquals("PROMOTION_PROPOSED", refusal(PolicyBook.decide(new PolicyCommand.ProposePromotion(2, "bob", "again", AT), promoting)));
        assertEquals("FOUR_EYES", refusal(PolicyBook.decide(new PolicyCommand.ApprovePromotion(2, "alice", "ok", AT), promoting)));

        PolicyBook.Result approved = PolicyBook.decide(new PolicyCommand.ApprovePromotion(2, "bob", "ok", AT), promoting);
        assertEquals(List.of(new PolicyEvent.ChallengerEnded(2, PolicyBook.PROMOTED, "bob", "ok", AT),
                new PolicyEvent.PolicyActivated(2, 1, AT)), assertInstanceOf(PolicyBook.Result.Accepted.class, approved).events());
        PolicyBook promoted = fold(promoting, approved);
        assertEquals(2, promoted.activeVersion());
        assertEquals(null, promoted.challenger());
        assertEquals(PolicyBook.Status.RETIRED, promoted.versions().get(1).status());
    }

    @Test
    void endingTheChallengerGivesEveryLineBackToTheChampion() {
        PolicyBook proposed = challengerProposed(20);
        PolicyBook running = fold(proposed, PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), proposed));
        assertEquals("NOT_THE_CHALLENGER", refusal(PolicyBook.decide(new PolicyCommand.EndChallenger(7, "alice", "stop", AT), running)));
        PolicyBook ended = fold(running, PolicyBook.decide(new PolicyCommand.EndChallenger(2, "alice", "stop", AT), running));
        assertEquals(null, ended.challenger());
        assertEquals(1, ended.activeVersion());
        assertEquals(null, ended.challengerSetting().challengerPolicyVersion(), "the champion's own section names none");
        assertEquals("NOT_THE_CHALLENGER", refusal(PolicyBook.decide(new PolicyCommand.EndChallenger(2, "alice", "again", AT), ended)));
    }

    private static Policy naming(int version, int share, Integer challenger) {
        Policy base = numbered(version);
        return new Policy(version, "v" + version, base.timeZone(), base.defaultCurrency(), base.scorecard(), base.dataQuality(),
                base.increase(), base.segments(), base.grades(), base.warnings(), base.signalLexicon(),
                new com.uplift.domain.policy.ChampionChallenger(share, challenger, "own"));
    }

    /** v1 shipped, v2 approved into force, v3 in force naming v2 as its own challenger for 30%. */
    private static PolicyBook championNamingItsOwnChallenger() {
        PolicyBook book = installed();
        book = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "candidate", "alice", AT), book));
        book = fold(book, PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), book));
        book = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(naming(3, 30, 2), "h3", 2, "a/b", "alice", AT), book));
        return fold(book, PolicyBook.decide(new PolicyCommand.ApprovePolicy(3, "bob", "ok", AT), book));
    }

    @Test
    void aChallengerTheChampionNamesItselfIsEndedByANewChampionAndTheRefusalsSaySo() {
        PolicyBook book = championNamingItsOwnChallenger();
        assertEquals(3, book.activeVersion());
        assertEquals(null, book.challenger(), "not a rollout through the book");
        assertEquals(new com.uplift.domain.policy.ChampionChallenger(30, 2, "own"), book.challengerSetting());

        PolicyBook.Result another = PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(4), "h4", 3, "b", "alice", 10, AT), book);
        com.uplift.domain.Rejection running = assertInstanceOf(PolicyBook.Result.Rejected.class, another).rejection();
        assertEquals("CHALLENGER_RUNNING", running.code());
        assertEquals("policy v2 is already the challenger for 30% of the lines, named by champion v3's own championChallenger"
                + " section: propose and approve a champion without it (no challengerPolicyVersion) first", running.message());
        com.uplift.domain.Rejection end = assertInstanceOf(PolicyBook.Result.Rejected.class,
                PolicyBook.decide(new PolicyCommand.EndChallenger(2, "alice", "stop", AT), book)).rejection();
        assertEquals("NOT_THE_CHALLENGER", end.code());
        assertEquals("policy v2 is not the running challenger (none is rolled out through the policy book; champion v3's own"
                + " section names v2: approve a champion without it to end that)", end.message());
        assertEquals("NOT_THE_CHALLENGER", refusal(PolicyBook.decide(new PolicyCommand.ProposePromotion(2, "alice", "why", AT), book)));

        // the advice can be followed: a champion without the section's challenger is approved, and the experiment is over
        PolicyBook proposed = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(4), "h4", 3, "end a/b", "alice", AT), book));
        PolicyBook replaced = fold(proposed, PolicyBook.decide(new PolicyCommand.ApprovePolicy(4, "bob", "ok", AT), proposed));
        assertEquals(4, replaced.activeVersion());
        assertEquals(null, replaced.challengerSetting().challengerPolicyVersion());
        PolicyBook rollout = fold(replaced, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(5), "h5", 4, "b", "alice", 10, AT), replaced));
        assertEquals(10, rollout.versions().get(5).challengerSharePercent());
    }

    @Test
    void theChampionsOwnSectionKeepsAChallengerToOneToFiftyPercent() {
        PolicyBook book = installed();
        book = fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(numbered(2), "h2", 1, "candidate", "alice", AT), book));
        book = fold(book, PolicyBook.decide(new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT), book));
        for (int share : new int[] {0, 51, 100}) {
            com.uplift.domain.Rejection refused = assertInstanceOf(PolicyBook.Result.Rejected.class, PolicyBook.decide(
                    new PolicyCommand.ProposePolicy(naming(3, share, 2), "h3", 2, "a/b", "alice", AT), book)).rejection();
            assertEquals("INVALID_POLICY", refused.code(), share + "%");
            org.junit.jupiter.api.Assertions.assertTrue(refused.message().contains(
                    "championChallenger.challengerSharePercent must lie in 1..50"), refused.message());
        }
        for (int share : new int[] {1, 50}) {
            assertEquals(PolicyBook.Status.PROPOSED, fold(book, PolicyBook.decide(new PolicyCommand.ProposePolicy(naming(3, share, 2),
                    "h3", 2, "a/b", "alice", AT), book)).versions().get(3).status(), share + "% is proposed");
        }
        // without a challenger version the share assigns nothing: the shipped 10 and a 0 stay valid
        for (int share : new int[] {0, 10, 100}) {
            org.junit.jupiter.api.Assertions.assertEquals(List.of(),
                    com.uplift.domain.policy.PolicyValidation.problems(naming(3, share, null)), share + "% without a version");
        }
    }
}
