package com.uplift.domain.creditline;

import com.uplift.audit.RecordedCommand;
import com.uplift.domain.DeciderSpec;
import com.uplift.domain.Rejection;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RecordWriteOff;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.domain.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 3: any write-off is a bad record. A written-off line is declined every increase (the own-book
 * knock-out, unless the policy says a write-off is not one) and lends no more.
 */
class WriteOffTest {

    private static final RecordWriteOff WRITE_OFF = new RecordWriteOff(cny("8500.00"), TODAY.minusDays(1), NOW);

    @Test
    void a_write_off_is_recorded_with_its_amount_and_business_date_and_nothing_else() {
        DeciderSpec.Then written = borrower().spec().when(WRITE_OFF);
        written.then(new WriteOffRecorded(cny("8500.00"), TODAY.minusDays(1), NOW));
        assertEquals(new CreditLineState.WriteOff(cny("8500.00"), TODAY.minusDays(1)), written.andThen().state().writeOff());
        assertEquals(TODAY.minusDays(1), written.andThen().state().facts().writtenOffOn());
    }

    @Test
    void a_written_off_line_with_a_clean_year_is_declined_an_increase_as_an_own_book_bad_record() {
        IncreaseDecided clean = borrower().spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.APPROVED, clean.outcome(), clean::toString);

        IncreaseDecided d = borrower().then(WRITE_OFF).spec().when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(IncreaseOutcome.DECLINED, d.outcome(), d::toString);
        assertEquals(List.of("OWN_BOOK_BAD_RECORD"), d.reasons());
        RuleResult rule = ownBook(d);
        assertEquals(RuleStatus.FAIL, rule.status());
        assertEquals("written off on " + TODAY.minusDays(1) + ": any write-off is a bad record", rule.detail());
    }

    @Test
    void under_a_policy_whose_knockout_leaves_write_offs_out_the_write_off_alone_does_not_knock_out() {
        IncreaseDecided d = borrower().then(WRITE_OFF).spec()
                .withPolicy(TestPolicies.withOwnBookKnockout(30, 12, false))
                .when(request("REQ-1")).event(IncreaseDecided.class);
        assertEquals(RuleStatus.PASS, ownBook(d).status(), d::toString);
        assertFalse(d.reasons().contains("OWN_BOOK_BAD_RECORD"), d.reasons()::toString);
    }

    @Test
    void a_written_off_line_refuses_drawdowns_but_still_records_repayments_as_recoveries() {
        DeciderSpec writtenOff = borrower().then(WRITE_OFF).spec();
        Rejection refused = writtenOff.when(new RecordDrawdown(cny("100"), NOW)).thenRejects("LINE_WRITTEN_OFF");
        assertTrue(refused.message().contains("written off on " + TODAY.minusDays(1)), refused::message);
        RepaymentRecorded recovery = writtenOff.when(new RecordRepayment(cny("500"), TODAY, TODAY, NOW))
                .event(RepaymentRecorded.class);
        assertEquals(cny("500.00"), recovery.amount());
    }

    @Test
    void a_line_is_written_off_once_never_in_the_future_nor_before_it_opened_and_only_for_a_positive_amount() {
        borrower().then(WRITE_OFF).spec().when(WRITE_OFF).thenRejects("ALREADY_WRITTEN_OFF");
        borrower().spec().when(new RecordWriteOff(cny("100"), TODAY.plusDays(1), NOW)).thenRejects("FUTURE_DATE");
        borrower().spec().when(new RecordWriteOff(cny("100"), TODAY.minusMonths(14), NOW)).thenRejects("INVALID_COMMAND");
        borrower().spec().when(new RecordWriteOff(cny("0"), TODAY, NOW)).thenRejects("INVALID_AMOUNT");
    }

    @Test
    void a_recorded_write_off_rebuilds_the_command_it_answered_and_re_decides_to_the_same_events() {
        DeciderSpec before = borrower().spec();
        List<CreditLineEvent> recorded = before.when(WRITE_OFF).events();
        CreditLineCommand rebuilt = RecordedCommand.of(recorded.get(0)).orElseThrow();
        assertEquals(WRITE_OFF, rebuilt);
        assertEquals(recorded, before.when(rebuilt).events());
    }

    private static RuleResult ownBook(IncreaseDecided d) {
        return d.rules().stream().filter(r -> r.rule().equals("NO_OWN_BOOK_BAD_RECORD")).findFirst().orElseThrow();
    }
}
