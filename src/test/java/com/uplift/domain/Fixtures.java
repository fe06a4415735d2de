package com.uplift.domain;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.IncomeSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** The acceptance journey's building blocks, at a fixed "now" (10:00 in Shanghai on 15 March 2026). */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-03-15T02:00:00Z");
    public static final LocalDate TODAY = LocalDate.parse("2026-03-15");
    public static final Currency CNY = Currency.getInstance("CNY");

    private Fixtures() {
    }

    public static BigDecimal cny(String amount) {
        return new BigDecimal(amount);
    }

    public static OpenCreditLine open(String limit, LocalDate openedOn) {
        return new OpenCreditLine("CL-1", "B-1", "XIAOMI-LOAN", cny(limit), CNY, "STANDARD", openedOn, NOW);
    }

    /** Twelve instalments due monthly over the last year, each paid on its due date. */
    public static List<CreditLineCommand> twelveOnTimeRepayments() {
        List<CreditLineCommand> repayments = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            LocalDate due = TODAY.minusMonths(i);
            repayments.add(new RecordRepayment(cny("1000.00"), due, due, NOW));
        }
        return repayments;
    }

    public static VerifyIncome income(String amount, YearMonth period, IncomeSource source) {
        return new VerifyIncome(cny(amount), source, period, NOW);
    }

    public static ReceiveBureauReport cleanBureau(int score) {
        return new ReceiveBureauReport("PBOC", "R-1", score, List.of(), NOW, NOW);
    }

    public static RequestLimitIncrease request(String id) {
        return new RequestLimitIncrease(id, null, "APP", "B-1", NOW);
    }

    /** The acceptance journey's history: a 13-month line of 10,000, a clean year, two incomes, a 720 bureau score. */
    public static DeciderSpec goodBorrower() {
        return goodBorrower("10000.00");
    }

    public static DeciderSpec goodBorrower(String limit) {
        List<CreditLineCommand> commands = new ArrayList<>();
        commands.add(open(limit, TODAY.minusMonths(13)));
        commands.addAll(twelveOnTimeRepayments());
        commands.add(income("20000.00", YearMonth.from(TODAY).minusMonths(2), IncomeSource.SALARY_SLIP));
        commands.add(income("20500.00", YearMonth.from(TODAY).minusMonths(1), IncomeSource.BANK_STATEMENT));
        commands.add(cleanBureau(720));
        return DeciderSpec.givenCommands(commands.toArray(CreditLineCommand[]::new));
    }
}
