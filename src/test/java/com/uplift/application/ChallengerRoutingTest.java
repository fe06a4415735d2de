package com.uplift.application;

import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.governance.PolicyCommand;
import com.uplift.domain.governance.PolicyEvent;
import com.uplift.domain.policy.ChampionChallenger;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.domain.policy.StrategyArm;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.uplift.domain.Fixtures.goodBorrower;
import static com.uplift.domain.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line in the challenger share is decided under the challenger version, and its decision says so. */
class ChallengerRoutingTest {

    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

    private static Policy version(int number, String name, ChampionChallenger split) {
        Policy p = TestPolicies.v1().rules();
        return new Policy(number, name, p.timeZone(), p.defaultCurrency(), p.scorecard(), p.dataQuality(), p.increase(),
                p.segments(), p.grades(), p.warnings(), p.signalLexicon(), split);
    }

    private static PolicyBook apply(PolicyBook book, PolicyCommand command) {
        for (PolicyEvent event : ((PolicyBook.Result.Accepted) PolicyBook.decide(command, book)).events()) {
            book = PolicyBook.evolve(book, event);
        }
        return book;
    }

    /** v1 shipped; v2 approved (v1 retired); v3 approved, naming v1 as challenger for {@code share}% of lines. */
    private static PolicyBook book(int share) {
        PolicyBook book = apply(PolicyBook.EMPTY, new PolicyCommand.InstallShippedPolicy(
                version(1, "v1", new ChampionChallenger(0, null, "s")), "h1", "classpath", AT));
        book = apply(book, new PolicyCommand.ProposePolicy(version(2, "v2", new ChampionChallenger(0, null, "s")), "h2", 1, "r", "alice", AT));
        book = apply(book, new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT));
        // recorded as proposed, not decided: a section share of 0 or 100 beside a version is refused at proposal since
        // the 1..50% rule, but a book recorded before it may hold one, and routing must still follow it
        book = PolicyBook.evolve(book, new PolicyEvent.PolicyProposed(3, version(3, "v3", new ChampionChallenger(share, 1, "exp")),
                "h3", 2, "a/b", "alice", AT));
        return apply(book, new PolicyCommand.ApprovePolicy(3, "bob", "ok", AT));
    }

    @Test
    void theChallengerShareIsDecidedUnderTheChallengerVersionAndRecordsItsArm() {
        PolicyVersion challenger = PolicyCatalog.forLine(book(100), "CL-1");
        assertEquals(1, challenger.version());
        assertEquals(StrategyArm.CHALLENGER, challenger.arm());

        PolicyVersion champion = PolicyCatalog.forLine(book(0), "CL-1");
        assertEquals(3, champion.version());
        assertEquals(StrategyArm.CHAMPION, champion.arm());

        var decision = com.uplift.domain.creditline.CreditLineDecider.decide(request("REQ-C"), goodBorrower().state(), challenger);
        IncreaseDecided decided = ((com.uplift.domain.creditline.Decision.Accepted) decision).events().stream()
                .filter(IncreaseDecided.class::isInstance).map(IncreaseDecided.class::cast).findFirst().orElseThrow();
        assertEquals("CHALLENGER", decided.strategyArm());
        assertEquals(1, decided.policyVersion());
    }

    @Test
    void aVersionApprovedIntoTheChallengerArmDecidesExactlyTheLinesThatHashIntoItsShare() {
        PolicyBook book = apply(PolicyBook.EMPTY, new PolicyCommand.InstallShippedPolicy(
                version(1, "v1", new ChampionChallenger(10, null, "s")), "h1", "classpath", AT));
        book = apply(book, new PolicyCommand.ProposePolicy(version(2, "fitted", new ChampionChallenger(10, null, "s")), "h2", 1,
                "fitted card", "alice", 50, AT));
        book = apply(book, new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT));
        ChampionChallenger split = new ChampionChallenger(50, 2, "challenger-v2");
        int challengers = 0;
        for (int i = 0; i < 200; i++) {
            String line = "CL-" + i;
            PolicyVersion chosen = PolicyCatalog.forLine(book, line);
            StrategyArm expected = com.uplift.domain.policy.StrategyAssignment.assign(line, split);
            assertEquals(expected, chosen.arm(), line);
            assertEquals(expected == StrategyArm.CHALLENGER ? 2 : 1, chosen.version(), line);
            challengers += expected == StrategyArm.CHALLENGER ? 1 : 0;
        }
        // both arms are populated: half of 200 lines, give or take the hash's spread
        org.junit.jupiter.api.Assertions.assertTrue(challengers > 70 && challengers < 130, "challenger lines: " + challengers);

        PolicyBook ended = apply(book, new PolicyCommand.EndChallenger(2, "alice", "stop", AT));
        for (int i = 0; i < 50; i++) {
            assertEquals(1, PolicyCatalog.forLine(ended, "CL-" + i).version());
        }
    }

    /**
     * Probe finding F1: a decrease referred under v2 (decreases section, 90 days' cooling-off, one review level) is
     * reviewed under v2 after v3 (no decreases section) became the champion and v2 retired; everything else on the line
     * is decided under v3.
     */
    @Test
    void aReferredDecreaseIsReviewedUnderTheRetiredVersionItWasReferredUnder() {
        Policy withDecreases = PolicyCatalog.renumber(TestPolicies.withDecreasesAndTiering(sections -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) sections.get("decreases").get("triggers").get(0))
                    .put("reviewLevels", 1);
            return sections;
        }).rules(), 2);
        PolicyBook book = apply(PolicyBook.EMPTY, new PolicyCommand.InstallShippedPolicy(
                version(1, "v1", new ChampionChallenger(0, null, "s")), "h1", "classpath", AT));
        book = apply(book, new PolicyCommand.ProposePolicy(withDecreases, "h2", 1, "decreases", "alice", AT));
        book = apply(book, new PolicyCommand.ApprovePolicy(2, "bob", "ok", AT));
        PolicyBook referredUnder = book;
        book = apply(book, new PolicyCommand.ProposePolicy(version(3, "v3", new ChampionChallenger(0, null, "s")), "h3", 2,
                "no decreases", "alice", AT));
        book = apply(book, new PolicyCommand.ApprovePolicy(3, "bob", "ok", AT));

        var line = com.uplift.domain.DeciderSpec.givenCommands(PolicyCatalog.forLine(referredUnder, "CL-1"),
                com.uplift.domain.Fixtures.borrower()
                        .then(new com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown(
                                com.uplift.domain.Fixtures.cny("2500.00"), com.uplift.domain.Fixtures.NOW))
                        .then(new com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency(65,
                                com.uplift.domain.Fixtures.TODAY, com.uplift.domain.Fixtures.NOW))
                        .commands().toArray(com.uplift.domain.creditline.CreditLineCommand[]::new));
        var review = new com.uplift.domain.creditline.CreditLineCommand.ReviewDecrease("LD-1", "RO-1", 1,
                com.uplift.domain.creditline.ReviewOutcome.APPROVE, null, "ok", com.uplift.domain.Fixtures.NOW.plusSeconds(60));

        assertEquals(3, PolicyCatalog.forLine(book, "CL-1").version());
        PolicyVersion chosen = PolicyCatalog.forCommand(book, "CL-1", review, line.state());
        assertEquals(2, chosen.version());
        assertEquals("h2", chosen.contentHash());
        assertEquals(3, PolicyCatalog.forCommand(book, "CL-1", new com.uplift.domain.creditline.CreditLineCommand
                .ReportDelinquency(70, com.uplift.domain.Fixtures.TODAY, com.uplift.domain.Fixtures.NOW), line.state()).version());

        var events = ((com.uplift.domain.creditline.Decision.Accepted) com.uplift.domain.creditline.CreditLineDecider
                .decide(review, line.state(), chosen)).events();
        var reviewed = events.stream().filter(com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed.class::isInstance)
                .map(com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed.class::cast).findFirst().orElseThrow();
        assertEquals(com.uplift.domain.decrease.DecreaseStatus.APPLIED, reviewed.statusAfter());
        assertEquals(com.uplift.domain.Fixtures.NOW.plusSeconds(60).plus(java.time.Duration.ofDays(90)), reviewed.increasesFrozenUntil());
    }
}
