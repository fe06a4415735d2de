package com.uplift.domain;

import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.ReceiveBureauReport;
import com.uplift.domain.creditline.CreditLineCommand.RecordRepayment;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.VerifyIncome;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.history.IncomeSource;

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
        return borrower().spec();
    }

    public static DeciderSpec goodBorrower(String limit) {
        return borrower().limit(limit).spec();
    }

    public static Borrower borrower() {
        return new Borrower();
    }

    /** A configurable good borrower: every knob defaults to the acceptance journey's value. */
    public static final class Borrower {
        private String limit = "10000.00";
        private String segment = "STANDARD";
        private LocalDate openedOn = TODAY.minusMonths(13);
        private String olderIncome = "20000.00";
        private String newerIncome = "20500.00";
        private YearMonth newestIncomePeriod = YearMonth.from(TODAY).minusMonths(1);
        private int bureauScore = 720;
        private Instant bureauPulledAt = NOW;
        private List<String> negativeRecords = List.of();
        private final List<CreditLineCommand> extra = new ArrayList<>();

        public Borrower limit(String value) { limit = value; return this; }
        public Borrower segment(String value) { segment = value; return this; }
        public Borrower openedOn(LocalDate value) { openedOn = value; return this; }
        public Borrower incomes(String older, String newer) { olderIncome = older; newerIncome = newer; return this; }
        public Borrower newestIncomePeriod(YearMonth value) { newestIncomePeriod = value; return this; }
        public Borrower bureauScore(int value) { bureauScore = value; return this; }
        public Borrower bureauPulledAt(Instant value) { bureauPulledAt = value; return this; }
        public Borrower negativeRecords(String... values) { negativeRecords = List.of(values); return this; }
        public Borrower then(CreditLineCommand... commands) { extra.addAll(List.of(commands)); return this; }

        public List<CreditLineCommand> commands() {
            List<CreditLineCommand> commands = new ArrayList<>();
            commands.add(new OpenCreditLine("CL-1", "B-1", "XIAOMI-LOAN", cny(limit), CNY, segment, openedOn, NOW));
            commands.addAll(twelveOnTimeRepayments());
            commands.add(income(olderIncome, newestIncomePeriod.minusMonths(1), IncomeSource.SALARY_SLIP));
            commands.add(income(newerIncome, newestIncomePeriod, IncomeSource.BANK_STATEMENT));
            commands.add(new ReceiveBureauReport("PBOC", "R-1", bureauScore, negativeRecords, bureauPulledAt, NOW));
            commands.addAll(extra);
            return commands;
        }

        public DeciderSpec spec() {
            return DeciderSpec.givenCommands(commands().toArray(CreditLineCommand[]::new));
        }

        /** The same history decided under a rules version of the decider. */
        public DeciderSpec spec(int rulesVersion) {
            return DeciderSpec.givenCommandsUnderRules(rulesVersion, commands().toArray(CreditLineCommand[]::new));
        }
    }
}
