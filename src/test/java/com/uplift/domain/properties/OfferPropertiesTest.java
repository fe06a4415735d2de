package com.uplift.domain.properties;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.OfferPolicies;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.AcceptIncreaseOffer;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.properties.Cases.between;
import static com.uplift.domain.properties.Cases.forAll;
import static com.uplift.domain.properties.Cases.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 提额名单's invariants over generated lines (seeded): an offer is exactly what a request would be approved, an
 * acceptance with nothing material since honours it and gives what a request would, one after a material change is
 * decided afresh, a withdrawal happens exactly when a request would no longer be approved, and an offer can be
 * accepted up to its expiry date and not after.
 */
class OfferPropertiesTest {

    private static final PolicyVersion OFFERING = OfferPolicies.offering();
    private static final int CASES = 150;

    /** A line of random limit, income, bureau and age, in a random segment: some qualify, many do not. */
    private static DeciderSpec randomLine(Random random) {
        int income = between(random, 4, 40) * 1000;
        var b = borrower()
                .limit(between(random, 5, 60) * 1000 + ".00")
                .segment(oneOf(random, List.of("STANDARD", "PRIME", "NEW_TO_CREDIT")))
                .openedOn(TODAY.minusMonths(between(random, 2, 30)))
                .incomes(income + ".00", (income + between(random, -2, 2) * 500) + ".00")
                .bureauScore(between(random, 520, 820));
        if (random.nextInt(10) == 0) {
            b.negativeRecords("OVERDUE_90_ELSEWHERE");
        }
        return DeciderSpec.givenCommands(OFFERING, b.commands().toArray(CreditLineCommand[]::new));
    }

    private static Optional<IncreaseOffered> scan(DeciderSpec line, String run, Instant at) {
        return line.when(new ScanForOffer(run, TODAY, at)).all(IncreaseOffered.class).stream().findFirst();
    }

    @Test
    void an_offer_is_exactly_what_a_request_would_be_approved() {
        forAll(CASES, random -> {
            DeciderSpec line = randomLine(random);
            IncreaseDecided asked = line.when(new RequestLimitIncrease("REQ-P", null, "APP", "B-1", NOW)).event(IncreaseDecided.class);
            Optional<IncreaseOffered> offered = scan(line, "SCAN-P", NOW);
            assertEquals(asked.outcome() == IncreaseOutcome.APPROVED, offered.isPresent(), "offered iff approved: " + asked.reasons());
            offered.ifPresent(o -> {
                assertEquals(asked.newLimit(), o.offeredLimit());
                assertEquals(asked.rules(), o.rules());
                assertEquals(asked.assessment(), o.assessment());
            });
        });
    }

    @Test
    void accepted_with_nothing_material_since_it_is_honoured_and_gives_what_a_request_would() {
        forAll(CASES, random -> {
            DeciderSpec line = randomLine(random);
            Optional<IncreaseOffered> offered = scan(line, "SCAN-P", NOW);
            if (offered.isEmpty()) {
                return;
            }
            DeciderSpec withOffer = line.andCommands(new ScanForOffer("SCAN-P", TODAY, NOW));
            Instant later = NOW.plus(Duration.ofMinutes(between(random, 1, 600)));
            DeciderSpec.Then accepted = withOffer.when(new AcceptIncreaseOffer(offered.get().offerId(), "REQ-A", "APP", "channel", later));
            assertTrue(accepted.event(IncreaseOfferAccepted.class).honoured());
            IncreaseDecided decided = accepted.event(IncreaseDecided.class);
            IncreaseDecided asked = withOffer.when(new RequestLimitIncrease("REQ-R", null, "APP", "B-1", later)).event(IncreaseDecided.class);
            assertEquals(IncreaseOutcome.APPROVED, decided.outcome());
            assertEquals(asked.newLimit(), decided.newLimit(), "honoured = decided afresh when nothing changed");
        });
    }

    @Test
    void accepted_after_a_material_change_it_is_decided_afresh_never_above_the_offer() {
        forAll(CASES, random -> {
            DeciderSpec line = randomLine(random);
            Optional<IncreaseOffered> offered = scan(line, "SCAN-P", NOW);
            if (offered.isEmpty()) {
                return;
            }
            CreditLineCommand change = oneOf(random, List.<CreditLineCommand>of(
                    new RecordDrawdown(cny("100.00"), NOW),
                    new RecordMissedPayment(TODAY.minusDays(3), cny("500.00"), NOW),
                    new ReceiveBureauReport("PBOC", "R-9", between(random, 500, 800), List.of(), NOW, NOW),
                    new CreditLineCommand.VerifyIncome(cny("9000.00"), com.uplift.domain.history.IncomeSource.SALARY_SLIP,
                            YearMonth.from(TODAY), NOW)));
            DeciderSpec.Then accepted = line.andCommands(new ScanForOffer("SCAN-P", TODAY, NOW), change)
                    .when(new AcceptIncreaseOffer(offered.get().offerId(), "REQ-A", "APP", "channel", NOW));
            IncreaseOfferAccepted acceptance = accepted.event(IncreaseOfferAccepted.class);
            assertFalse(acceptance.honoured(), "after " + change);
            assertFalse(acceptance.materialChanges().isEmpty());
            IncreaseDecided decided = accepted.event(IncreaseDecided.class);
            if (decided.newLimit() != null) {
                assertTrue(decided.newLimit().compareTo(offered.get().offeredLimit()) <= 0);
            }
        });
    }

    @Test
    void a_live_offer_is_withdrawn_exactly_when_a_request_would_no_longer_be_approved() {
        forAll(CASES, random -> {
            DeciderSpec line = randomLine(random);
            if (scan(line, "SCAN-P", NOW).isEmpty()) {
                return;
            }
            CreditLineCommand change = oneOf(random, List.<CreditLineCommand>of(
                    new RecordMissedPayment(TODAY.minusDays(between(random, 1, 20)), cny("500.00"), NOW),
                    new ReceiveBureauReport("PBOC", "R-9", 700, List.of("COURT_JUDGMENT"), NOW, NOW),
                    new RecordServiceNote("Customer says he lost his job last month and is struggling to pay.", "CALL_CENTER", NOW),
                    new RecordDrawdown(cny("50.00"), NOW)));
            DeciderSpec changed = line.andCommands(new ScanForOffer("SCAN-P", TODAY, NOW), change);
            IncreaseDecided asked = changed.when(new RequestLimitIncrease("REQ-R", null, "APP", "B-1", NOW)).event(IncreaseDecided.class);
            List<CreditLineEvent> rescan = changed.when(new ScanForOffer("SCAN-Q", TODAY, NOW)).events();
            boolean stillApproved = asked.outcome() == IncreaseOutcome.APPROVED;
            assertEquals(!stillApproved, rescan.stream().anyMatch(IncreaseOfferWithdrawn.class::isInstance), "after " + change);
            rescan.stream().filter(IncreaseOfferWithdrawn.class::isInstance).map(IncreaseOfferWithdrawn.class::cast)
                    .forEach(w -> assertEquals(asked.reasons(), w.reasons()));
            assertTrue(rescan.stream().noneMatch(IncreaseOffered.class::isInstance), "a line has one live offer at most");
        });
    }

    @Test
    void an_offer_can_be_accepted_up_to_its_expiry_date_and_not_after() {
        forAll(CASES, random -> {
            DeciderSpec line = randomLine(random);
            Optional<IncreaseOffered> offered = scan(line, "SCAN-P", NOW);
            if (offered.isEmpty()) {
                return;
            }
            int days = between(random, 0, 60);
            DeciderSpec.Then accepted = line.andCommands(new ScanForOffer("SCAN-P", TODAY, NOW))
                    .when(new AcceptIncreaseOffer(offered.get().offerId(), "REQ-A", "APP", "channel", NOW.plus(Duration.ofDays(days))));
            if (days <= 30) {
                assertTrue(accepted.event(IncreaseOfferAccepted.class).honoured(), "day " + days);
            } else {
                accepted.thenRejects("OFFER_EXPIRED");
            }
        });
    }
}
