package com.uplift.audit.scorecard;

import com.uplift.application.BorrowerExposure;
import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as bad: 30+ days past due at any time in the 12 months after the decision (2025-03-01 here, so the
 * window is 2025-03-02 .. 2026-03-01), whichever way the history shows it.
 */
class OutcomeDefinitionTest {

    private static final LocalDate DECIDED = LocalDate.of(2025, 3, 1);
    private static final Settings SETTINGS = Settings.DEFAULT;

    @Test
    void aServicingReportOf30DaysInTheWindowIsBadAndOneAfterTheWindowIsNot() {
        assertThat(bad(report(35, "2025-09-10"))).isTrue();
        assertThat(bad(report(35, "2026-03-20"))).isFalse();
        // 28 days on 2025-09-10, current again the next day: 29 days at the most (a report of 29 would have reached 30)
        assertThat(bad(report(28, "2025-09-10"), report(0, "2025-09-11"))).isFalse();
        assertThat(bad(report(29, "2025-09-10"), report(0, "2025-09-11"))).isTrue();
    }

    @Test
    void aReportThatAgesInto30DaysBeforeTheWindowEndsIsBad() {
        // 10 days past due on 2026-02-01, no later report: 38 days on 2026-03-01 (the window's end), 30 on 2026-02-21
        assertThat(bad(report(10, "2026-02-01"))).isTrue();
        // 10 days on 2026-02-25: only 14 by the window's end
        assertThat(bad(report(10, "2026-02-25"))).isFalse();
        // 10 days on 2025-06-01, cured by a report of 0 ten days later: never 30
        assertThat(bad(report(10, "2025-06-01"), report(0, "2025-06-11"))).isFalse();
    }

    @Test
    void anInstalmentRepaid30DaysLateOrStillUnpaidIsBad() {
        assertThat(bad(repayment("2025-05-15", "2025-06-20"))).isTrue();
        assertThat(bad(repayment("2025-05-15", "2025-06-10"))).isFalse();
        assertThat(bad(missed("2025-10-15"))).isTrue();
        // due 2026-02-15: 30 days past due only on 2026-03-17, after the window
        assertThat(bad(missed("2026-02-15"))).isFalse();
    }

    @Test
    void theWindowClosesTwelveMonthsAfterTheDecision() {
        assertThat(DevelopmentSample.windowClosed(DECIDED, LocalDate.of(2026, 3, 1), SETTINGS)).isTrue();
        assertThat(DevelopmentSample.windowClosed(DECIDED, LocalDate.of(2026, 2, 28), SETTINGS)).isFalse();
    }

    @Test
    void theHoldOutSplitIsByLineAndSeeded() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add("line-" + i);
        }
        long held = lines.stream().filter(l -> DevelopmentSample.inHoldout(l, SETTINGS)).count();
        assertThat(held).isBetween(250L, 350L);
        assertThat(lines.stream().filter(l -> DevelopmentSample.inHoldout(l, SETTINGS)).toList())
                .isEqualTo(lines.stream().filter(l -> DevelopmentSample.inHoldout(l, SETTINGS)).toList());
        Settings other = new Settings(30, 12, 30, 7L);
        assertThat(lines.stream().filter(l -> DevelopmentSample.inHoldout(l, other)).toList())
                .isNotEqualTo(lines.stream().filter(l -> DevelopmentSample.inHoldout(l, SETTINGS)).toList());
    }

    private static CreditLineCommand report(int days, String asOf) {
        LocalDate on = LocalDate.parse(asOf);
        return new CreditLineCommand.ReportDelinquency(days, on, at(on));
    }

    private static CreditLineCommand repayment(String due, String paid) {
        return new CreditLineCommand.RecordRepayment(new BigDecimal("100.00"), LocalDate.parse(due), LocalDate.parse(paid),
                at(LocalDate.parse(paid)));
    }

    private static CreditLineCommand missed(String due) {
        LocalDate on = LocalDate.parse(due);
        return new CreditLineCommand.RecordMissedPayment(on, new BigDecimal("100.00"), at(on.plusDays(1)));
    }

    /** A line opened in 2024 with a drawdown, then the facts, folded as the service would; bad as of 2026-06-01. */
    private static boolean bad(CreditLineCommand... facts) {
        List<CreditLineCommand> commands = new ArrayList<>();
        LocalDate opened = LocalDate.of(2024, 1, 10);
        commands.add(new CreditLineCommand.OpenCreditLine("CL-OUT", "B-OUT", "XM-CASH", new BigDecimal("10000.00"),
                Currency.getInstance("CNY"), "STANDARD", opened, at(opened)));
        commands.add(new CreditLineCommand.RecordDrawdown(new BigDecimal("5000.00"), at(opened)));
        commands.addAll(List.of(facts));
        CreditLineState state = CreditLineDecider.initialState();
        for (CreditLineCommand command : commands) {
            Decision decision = CreditLineDecider.decide(BorrowerExposure.withOthers(command, BigDecimal.ZERO), state, TestPolicies.v1());
            assertThat(decision).as(command.toString()).isInstanceOf(Decision.Accepted.class);
            for (CreditLineEvent event : ((Decision.Accepted) decision).events()) {
                state = CreditLineDecider.evolve(state, event);
            }
        }
        return DevelopmentSample.bad(state, DECIDED, SETTINGS);
    }

    private static Instant at(LocalDate date) {
        return date.atTime(4, 0).toInstant(ZoneOffset.UTC);
    }
}
