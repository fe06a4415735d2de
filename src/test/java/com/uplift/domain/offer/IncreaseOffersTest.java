package com.uplift.domain.offer;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.OfferPolicies;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.AcceptIncreaseOffer;
import com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.OfferStatus;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 提额名单: who is offered an increase, when an offer is withdrawn or expired, and when an acceptance honours it. */
class IncreaseOffersTest {

    static final PolicyVersion OFFERING = OfferPolicies.offering();

    static DeciderSpec goodLine(PolicyVersion policy) {
        return DeciderSpec.givenCommands(policy, borrower().commands().toArray(CreditLineCommand[]::new));
    }

    static IncreaseOffered offer(DeciderSpec line) {
        return line.when(new ScanForOffer("SCAN-1", TODAY, NOW)).event(IncreaseOffered.class);
    }

    @Test
    void a_qualifying_line_is_offered_what_a_request_would_be_approved() {
        DeciderSpec line = goodLine(OFFERING);
        IncreaseDecided asked = line.when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", NOW)).event(IncreaseDecided.class);
        IncreaseOffered offered = line.when(new ScanForOffer("SCAN-1", TODAY, NOW)).then(line.when(
                new ScanForOffer("SCAN-1", TODAY, NOW)).events().toArray(com.uplift.domain.creditline.CreditLineEvent[]::new))
                .event(IncreaseOffered.class);
        assertEquals(IncreaseOutcome.APPROVED, asked.outcome());
        assertEquals(asked.newLimit(), offered.offeredLimit());
        assertEquals(cny("14600.00"), offered.offeredLimit());
        assertEquals(cny("10000.00"), offered.oldLimit());
        assertEquals(TODAY.plusDays(30), offered.expiresOn());
        assertEquals(asked.rules(), offered.rules(), "the offer is decided with the request's own rules");
        assertEquals(asked.assessment().grade(), offered.grade());
        assertEquals("SCAN-1", offered.scanRunId());
        assertEquals(5, offered.rulesVersion());
        assertEquals(OFFERING.contentHash(), offered.policyContentHash());
        assertEquals(List.of("REPAYMENT_ON_TIME", "WORST_DAYS_PAST_DUE"), offered.reasons().subList(0, 2));
    }

    @Test
    void a_policy_without_offers_offers_nothing() {
        goodLine(com.uplift.domain.TestPolicies.v1()).when(new ScanForOffer("SCAN-1", TODAY, NOW)).then();
    }

    @Test
    void a_segment_the_offers_do_not_name_is_not_offered() {
        goodLine(OfferPolicies.offering(30, null, null, null, "PRIME")).when(new ScanForOffer("SCAN-1", TODAY, NOW)).then();
        goodLine(OfferPolicies.offering(30, null, null, null, "STANDARD")).when(new ScanForOffer("SCAN-1", TODAY, NOW))
                .thenContains(IncreaseOffered.class);
    }

    @Test
    void the_offer_band_caps_the_offer_and_a_too_small_increase_is_not_offered() {
        assertEquals(cny("12000.00"), offer(goodLine(OfferPolicies.offering(30, null, null, "20"))).offeredLimit());
        goodLine(OfferPolicies.offering(30, null, "60", null)).when(new ScanForOffer("SCAN-1", TODAY, NOW)).then();
        goodLine(OfferPolicies.offering(30, 99, null, null)).when(new ScanForOffer("SCAN-1", TODAY, NOW)).then();
    }

    @Test
    void a_rerun_of_the_same_scan_offers_nothing_twice_and_a_live_offer_stands() {
        DeciderSpec offered = goodLine(OFFERING).when(new ScanForOffer("SCAN-1", TODAY, NOW)).andThen();
        offered.when(new ScanForOffer("SCAN-1", TODAY, NOW.plusSeconds(60))).then();
        offered.when(new ScanForOffer("SCAN-2", TODAY.plusDays(1), NOW.plus(Duration.ofDays(1)))).then();
    }

    @Test
    void a_line_whose_facts_change_has_its_offer_withdrawn_with_catalogue_reasons() {
        DeciderSpec offered = goodLine(OFFERING).when(new ScanForOffer("SCAN-1", TODAY, NOW)).andThen();
        String offerId = offered.state().offers().offers().firstKey();
        IncreaseOfferWithdrawn missed = offered.andCommands(new RecordMissedPayment(TODAY.minusDays(10), cny("1000.00"), NOW))
                .when(new ScanForOffer("SCAN-2", TODAY, NOW)).event(IncreaseOfferWithdrawn.class);
        assertEquals(offerId, missed.offerId());
        assertEquals("PAST_DUE", missed.reasons().getFirst());
        IncreaseOfferWithdrawn negative = offered.andCommands(new ReceiveBureauReport("PBOC", "R-2", 700,
                        List.of("COURT_JUDGMENT"), NOW, NOW))
                .when(new ScanForOffer("SCAN-2", TODAY, NOW)).event(IncreaseOfferWithdrawn.class);
        assertEquals("NEGATIVE_BUREAU_RECORD", negative.reasons().getFirst());
        DeciderSpec withdrawn = offered.andCommands(new RecordMissedPayment(TODAY.minusDays(10), cny("1000.00"), NOW),
                new ScanForOffer("SCAN-2", TODAY, NOW));
        assertEquals(OfferStatus.WITHDRAWN, withdrawn.state().offers().offers().get(offerId).statusOn(TODAY));
        withdrawn.when(new ScanForOffer("SCAN-2", TODAY, NOW)).then();
        withdrawn.when(new AcceptIncreaseOffer(offerId, "REQ-2", "APP", "channel", NOW)).thenRejects("OFFER_WITHDRAWN");
    }

    @Test
    void an_offer_past_its_expiry_date_is_expired_and_a_later_scan_offers_again() {
        DeciderSpec offered = goodLine(OFFERING).when(new ScanForOffer("SCAN-1", TODAY, NOW)).andThen();
        String offerId = offered.state().offers().offers().firstKey();
        assertEquals(OfferStatus.LIVE, offered.state().offers().offers().get(offerId).statusOn(TODAY.plusDays(30)));
        assertEquals(OfferStatus.EXPIRED, offered.state().offers().offers().get(offerId).statusOn(TODAY.plusDays(31)));
        Instant later = NOW.plus(Duration.ofDays(31));
        offered.when(new AcceptIncreaseOffer(offerId, "REQ-2", "APP", "channel", later)).thenRejects("OFFER_EXPIRED");
        // the bureau report and incomes are stale by then: the new scan is decided on the facts as they are
        DeciderSpec refreshed = offered.andCommands(new ReceiveBureauReport("PBOC", "R-3", 720, List.of(), later, later),
                new VerifyIncome(cny("20500.00"), IncomeSource.BANK_STATEMENT, YearMonth.from(TODAY), later));
        IncreaseOffered again = refreshed.when(new ScanForOffer("SCAN-3", TODAY.plusDays(31), later)).event(IncreaseOffered.class);
        assertFalse(again.offerId().equals(offerId));
    }

    @Test
    void an_acceptance_with_nothing_material_changed_honours_the_offer() {
        DeciderSpec offered = goodLine(OFFERING).when(new ScanForOffer("SCAN-1", TODAY, NOW)).andThen();
        IncreaseOffered offer = (IncreaseOffered) offered.history().getLast();
        // time passes and an instalment is paid on time: neither is material
        Instant later = NOW.plus(Duration.ofDays(3));
        DeciderSpec.Then accepted = offered.andCommands(new ReassessOverTime(later),
                        new RecordRepayment(cny("500.00"), TODAY.plusDays(3), TODAY.plusDays(3), later))
                .when(new AcceptIncreaseOffer(offer.offerId(), "REQ-2", "APP", "channel", later));
        IncreaseOfferAccepted acceptance = accepted.event(IncreaseOfferAccepted.class);
        assertTrue(acceptance.honoured(), acceptance.explanation());
        assertEquals(List.of(), acceptance.materialChanges());
        assertTrue(acceptance.explanation().contains("honoured"), acceptance.explanation());
        IncreaseDecided decided = accepted.event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, decided.outcome());
        assertEquals(offer.offeredLimit(), decided.newLimit());
        assertEquals(offer.rules(), decided.rules());
        assertEquals(offer.offeredLimit(), accepted.event(CreditLimitChanged.class).newLimit());
        accepted.andThen().when(new AcceptIncreaseOffer(offer.offerId(), "REQ-3", "APP", "channel", later))
                .thenRejects("OFFER_ALREADY_ACCEPTED");
    }

    @Test
    void an_acceptance_after_a_material_change_is_decided_afresh_and_says_why() {
        DeciderSpec offered = goodLine(OFFERING).when(new ScanForOffer("SCAN-1", TODAY, NOW)).andThen();
        IncreaseOffered offer = (IncreaseOffered) offered.history().getLast();
        DeciderSpec.Then accepted = offered.andCommands(new VerifyIncome(cny("9000.00"), IncomeSource.SALARY_SLIP,
                        YearMonth.from(TODAY), NOW))
                .when(new AcceptIncreaseOffer(offer.offerId(), "REQ-2", "APP", "channel", NOW));
        IncreaseOfferAccepted acceptance = accepted.event(IncreaseOfferAccepted.class);
        assertFalse(acceptance.honoured());
        // the income fact, and the warning its drop raised
        assertEquals("IncomeVerified", acceptance.materialChanges().getFirst());
        assertTrue(acceptance.explanation().contains("decided afresh"), acceptance.explanation());
        IncreaseDecided decided = accepted.event(IncreaseDecided.class);
        // decided afresh on the new facts: a request for at most the offered limit, as the request path decides it
        assertEquals(offer.offeredLimit(), decided.requestedLimit());
        assertFalse(decided.rules().equals(offer.rules()));
    }

    @Test
    void another_policy_in_force_is_a_material_change() {
        DeciderSpec offered = goodLine(OFFERING).when(new ScanForOffer("SCAN-1", TODAY, NOW)).andThen();
        IncreaseOffered offer = (IncreaseOffered) offered.history().getLast();
        IncreaseOfferAccepted acceptance = offered.withPolicy(OfferPolicies.offering(45, null, null, null))
                .when(new AcceptIncreaseOffer(offer.offerId(), "REQ-2", "APP", "channel", NOW))
                .event(IncreaseOfferAccepted.class);
        // the variant keeps its number and hash label, so only a different content would show: compare numbers too
        assertEquals(offer.policyVersion() == acceptance.policyVersion()
                && offer.policyContentHash().equals(acceptance.policyContentHash()), acceptance.honoured());
    }

    @Test
    void unknown_offers_and_rules_before_v5_are_refused() {
        DeciderSpec line = goodLine(OFFERING);
        line.when(new AcceptIncreaseOffer("OF-nope", "REQ-2", "APP", "channel", NOW)).thenRejects("OFFER_UNKNOWN");
        line.underRules(4).when(new ScanForOffer("SCAN-1", TODAY, NOW)).thenRejects("NOT_UNDER_THESE_RULES");
        line.when(new ScanForOffer("SCAN-1", TODAY.plusDays(1), NOW)).thenRejects("INVALID_COMMAND");
    }
}
