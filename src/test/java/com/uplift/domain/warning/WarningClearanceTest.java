package com.uplift.domain.warning;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.ClearWarning;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.policy.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A senior risk officer clears a warning flag a note raised (issue 11, item 7): four eyes, only note flags, only active
 * ones, and the freeze lifts only when no other SEVERE flag holds it.
 */
class WarningClearanceTest {

    private static final Instant LATER = NOW.plus(Duration.ofHours(2));
    private static final String FRAUD_NOTE = "客户疑似欺诈，身份证件可能被冒用";

    /** A line frozen by a fraud note. */
    private static DeciderSpec frozenByFraudNote() {
        DeciderSpec.Then noted = borrower().spec().when(new RecordServiceNote(FRAUD_NOTE, "CALL_CENTER", NOW));
        assertTrue(noted.all(WarningRaised.class).stream().anyMatch(w -> w.flag().equals("NOTE_FRAUD_SUSPICION")
                && w.severity() == Severity.SEVERE), () -> "the fraud note raises no SEVERE flag: " + noted.events());
        return noted.andThen();
    }

    private static ClearWarning clearance(String flag, String clearedBy, String raisedBy, Instant at) {
        return new ClearWarning(flag, ClearanceReason.NOTE_DISPROVED, "fraud team found the login was the customer's own",
                clearedBy, raisedBy, at);
    }

    @Test
    void a_disproved_fraud_note_is_cleared_and_drawdowns_are_unfrozen() {
        DeciderSpec frozen = frozenByFraudNote();
        frozen.when(new RecordDrawdown(cny("100.00"), LATER)).thenRejects("DRAWDOWN_FROZEN");

        DeciderSpec.Then cleared = frozen.when(clearance("NOTE_FRAUD_SUSPICION", "senior1", "ops", LATER));
        WarningClearedByOfficer event = cleared.event(WarningClearedByOfficer.class);
        assertEquals(1, cleared.events().size(), () -> "the clearance and nothing else (no re-raise): " + cleared.events());
        assertEquals("FRAUD_SUSPICION", event.signal());
        assertEquals(Severity.SEVERE, event.severity());
        assertEquals("senior1", event.clearedBy());
        assertEquals("ops", event.raisedBy());
        assertEquals(List.of(), event.stillFrozenBy());
        assertTrue(event.explanation().endsWith("drawdowns unfrozen: no other SEVERE flag is active"), event.explanation());

        DeciderSpec after = cleared.andThen();
        assertTrue(after.state().warnings().isEmpty() || !after.state().warnings().containsKey("NOTE_FRAUD_SUSPICION"));
        after.when(new RecordDrawdown(cny("100.00"), LATER.plusSeconds(60))).thenContains(DrawdownRecorded.class)
                .thenLacks(WarningRaised.class);
    }

    @Test
    void the_same_notes_do_not_raise_the_flag_again_but_a_new_fraud_note_does() {
        DeciderSpec after = frozenByFraudNote().when(clearance("NOTE_FRAUD_SUSPICION", "senior1", "ops", LATER)).andThen();
        // another command re-evaluates every flag: the disproved note no longer counts
        after.when(new RecordServiceNote("客户咨询还款日期", "CALL_CENTER", LATER.plusSeconds(60)))
                .thenLacks(WarningRaised.class);
        WarningRaised again = after.when(new RecordServiceNote(FRAUD_NOTE, "CALL_CENTER", LATER.plusSeconds(120)))
                .event(WarningRaised.class);
        assertEquals("NOTE_FRAUD_SUSPICION", again.flag());
    }

    @Test
    void the_freeze_stays_while_another_severe_flag_is_active() {
        DeciderSpec frozenTwice = frozenByFraudNote().when(new ReportDelinquency(65, TODAY, LATER)).andThen();
        assertTrue(frozenTwice.state().warnings().containsKey("DPD_60"), () -> "65 DPD raises DPD_60: " + frozenTwice.state().warnings());

        DeciderSpec.Then cleared = frozenTwice.when(clearance("NOTE_FRAUD_SUSPICION", "senior1", "ops", LATER.plusSeconds(60)));
        WarningClearedByOfficer event = cleared.event(WarningClearedByOfficer.class);
        assertEquals(List.of("DPD_60"), event.stillFrozenBy());
        assertTrue(event.explanation().endsWith("drawdowns stay frozen by DPD_60"), event.explanation());
        cleared.andThen().when(new RecordDrawdown(cny("100.00"), LATER.plusSeconds(120))).thenRejects("DRAWDOWN_FROZEN");
    }

    @Test
    void whoever_raised_the_flag_cannot_clear_it() {
        var rejection = frozenByFraudNote().when(clearance("NOTE_FRAUD_SUSPICION", "senior1", "senior1", LATER))
                .thenRejects("SELF_CLEARANCE");
        assertTrue(rejection.message().contains("four eyes"), rejection.message());
    }

    @Test
    void a_flag_that_is_not_active_cannot_be_cleared() {
        frozenByFraudNote().when(clearance("NOTE_JOB_LOSS", "senior1", "ops", LATER)).thenRejects("WARNING_NOT_ACTIVE");
        DeciderSpec cleared = frozenByFraudNote().when(clearance("NOTE_FRAUD_SUSPICION", "senior1", "ops", LATER)).andThen();
        cleared.when(clearance("NOTE_FRAUD_SUSPICION", "senior2", "ops", LATER.plusSeconds(1))).thenRejects("WARNING_NOT_ACTIVE");
    }

    @Test
    void a_measured_flag_is_not_cleared_by_hand() {
        DeciderSpec late = borrower().spec().when(new ReportDelinquency(65, TODAY, NOW)).andThen();
        var rejection = late.when(clearance("DPD_60", "senior1", "ops", LATER)).thenRejects("WARNING_NOT_CLEARABLE");
        assertTrue(rejection.message().contains("clears itself"), rejection.message());
    }

    @Test
    void a_clearance_says_what_was_found() {
        frozenByFraudNote().when(new ClearWarning("NOTE_FRAUD_SUSPICION", ClearanceReason.NOTE_DISPROVED, " ",
                "senior1", "ops", LATER)).thenRejects("COMMENT_REQUIRED");
    }

    @Test
    void clearing_one_note_flag_leaves_the_others() {
        DeciderSpec.Then noted = borrower().spec().when(new RecordServiceNote("客户表示最近失业，还款有困难", "CALL_CENTER", NOW));
        DeciderSpec.Then cleared = noted.andThen().when(new ClearWarning("NOTE_JOB_LOSS", ClearanceReason.SITUATION_RESOLVED,
                "back at work since Monday, payslip seen", "senior1", "ops", LATER));
        assertEquals("NOTE_JOB_LOSS", cleared.event(WarningClearedByOfficer.class).flag());
        cleared.thenLacks(WarningCleared.class);
        assertTrue(cleared.andThen().state().warnings().containsKey("NOTE_HARDSHIP"));
        assertTrue(!cleared.andThen().state().warnings().containsKey("NOTE_JOB_LOSS"));
    }
}
