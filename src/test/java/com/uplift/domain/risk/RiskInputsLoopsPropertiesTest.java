package com.uplift.domain.risk;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.policy.Policy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RiskInputs#measure} in plain loops measures exactly what its stream pipelines measured
 * ({@link StreamedRiskInputs}, the code before the change, kept verbatim): every measure, the scale of every amount,
 * every data-quality issue and the text of every input, under every rules version this build decides. Re-verification
 * re-measures every recorded assessment, so any difference would show as a mismatch of history; these cases look for
 * one on histories made to hit the edges (equal amounts at different scales in one month, ties of verification time,
 * dates on the window's bounds, reports of lateness near recorded instalments, zero limits, stale and contradictory
 * inputs). Seeded: a failure names the seed that reproduces it.
 */
class RiskInputsLoopsPropertiesTest {

    private static final Policy POLICY = TestPolicies.policy();
    private static final int CASES = 3_000;

    @Test
    void loopsMeasureWhatTheStreamsMeasured() {
        int withIssues = 0;
        int fullyMeasured = 0;
        for (int seed = 1; seed <= CASES; seed++) {
            Random random = new Random(seed);
            LocalDate today = LocalDate.of(2026, 11, 30).minusDays(random.nextInt(400));
            CreditFacts facts = facts(random, today);
            for (int rules = DeciderRules.OLDEST_SUPPORTED; rules <= DeciderRules.CURRENT; rules++) {
                RiskInputs expected = StreamedRiskInputs.measure(facts, POLICY, today, rules);
                RiskInputs actual = RiskInputs.measure(facts, POLICY, today, rules);
                assertThat(actual).as("seed %d, rules v%d", seed, rules).isEqualTo(expected);
                assertThat(facts.history().daysPastDueOn(today)).as("seed %d: days past due", seed)
                        .isEqualTo(StreamedRiskInputs.daysPastDueOn(facts.history(), today));
                if (rules == DeciderRules.CURRENT) {
                    withIssues += expected.dataQuality().isEmpty() ? 0 : 1;
                    fullyMeasured += expected.onTimeRatioPct() != null && expected.incomeCvPct() != null
                            && expected.bureauScore() != null ? 1 : 0;
                }
            }
        }
        // the generator reaches both kinds of case, or the comparison above proves little
        assertThat(withIssues).as("cases with a data-quality issue").isGreaterThan(CASES / 10);
        assertThat(fullyMeasured).as("cases with every input usable").isGreaterThan(CASES / 20);
    }

    static CreditFacts facts(Random random, LocalDate today) {
        BigDecimal limit = random.nextInt(10) == 0 ? BigDecimal.ZERO.setScale(2) : amount(random, 1_000, 200_000);
        BigDecimal drawn = random.nextBoolean() ? BigDecimal.ZERO.setScale(2) : amount(random, 0, 150_000);
        LocalDate openedOn = random.nextInt(10) == 0 ? null : today.minusDays(random.nextInt(1_200) - 30);
        return new CreditFacts(limit, drawn, openedOn, history(random, today), List.of(), null);
    }

    private static CreditHistory history(Random random, LocalDate today) {
        List<CreditHistory.Repayment> repayments = new ArrayList<>();
        for (int i = random.nextInt(30); i > 0; i--) {
            LocalDate due = date(random, today);
            int daysLate = random.nextInt(4) == 0 ? random.nextInt(90) : random.nextInt(8) - 3;
            repayments.add(new CreditHistory.Repayment(due, due.plusDays(daysLate), amount(random, 100, 5_000), daysLate));
        }
        List<CreditHistory.MissedPayment> missed = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            BigDecimal due = amount(random, 100, 5_000);
            missed.add(new CreditHistory.MissedPayment(random.nextBoolean() && !repayments.isEmpty()
                    ? repayments.get(random.nextInt(repayments.size())).dueDate() : date(random, today), due,
                    random.nextBoolean() ? BigDecimal.ZERO.setScale(2) : due));
        }
        List<CreditHistory.DelinquencyReport> reports = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            reports.add(new CreditHistory.DelinquencyReport(random.nextInt(3) == 0 ? 0 : random.nextInt(120), date(random, today)));
        }
        reports.sort(java.util.Comparator.comparing(CreditHistory.DelinquencyReport::asOf));
        CreditHistory.DelinquencyReport delinquency = reports.isEmpty() || random.nextInt(5) == 0 ? null
                : reports.get(random.nextInt(reports.size()));
        List<CreditHistory.DpdObservation> observations = new ArrayList<>();
        for (int i = random.nextInt(8); i > 0; i--) {
            // near a recorded instalment (within and beyond the 15 days of one instalment) or anywhere
            LocalDate on = !missed.isEmpty() && random.nextBoolean()
                    ? missed.get(random.nextInt(missed.size())).dueDate().plusDays(random.nextInt(40)) : date(random, today);
            observations.add(new CreditHistory.DpdObservation(on, random.nextInt(4) == 0 ? 0 : random.nextInt(60)));
        }
        List<CreditHistory.DpdObservation> cures = observations.isEmpty() || random.nextBoolean() ? List.of()
                : List.of(observations.get(random.nextInt(observations.size())));
        List<CreditHistory.IncomeRecord> incomes = new ArrayList<>();
        YearMonth newest = YearMonth.from(today).minusMonths(random.nextInt(10));
        for (int i = random.nextInt(9); i > 0; i--) {
            YearMonth period = newest.minusMonths(random.nextInt(8));
            BigDecimal income = amount(random, 8_000, 60_000);
            // the same income at another scale, or a near one, in the same month: ties for min, max and verification time
            Instant verifiedAt = today.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(random.nextInt(3) * 3_600L);
            incomes.add(new CreditHistory.IncomeRecord(period, income, source(random), verifiedAt));
            if (random.nextInt(3) == 0) {
                BigDecimal again = random.nextBoolean() ? income.setScale(income.scale() + 1)
                        : income.multiply(BigDecimal.valueOf(100 + random.nextInt(30) - 10)).movePointLeft(2);
                incomes.add(new CreditHistory.IncomeRecord(period, again, source(random),
                        random.nextBoolean() ? verifiedAt : verifiedAt.plusSeconds(60)));
            }
        }
        List<CreditHistory.AssetRecord> assets = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            LocalDate on = date(random, today);
            assets.add(new CreditHistory.AssetRecord(on.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_400)),
                    AssetKind.values()[random.nextInt(AssetKind.values().length)],
                    random.nextBoolean() ? AssetDirection.ACQUIRED : AssetDirection.DISPOSED,
                    amount(random, 1_000, 900_000), random.nextBoolean() ? null : on.minusDays(random.nextInt(40))));
        }
        CreditHistory.BureauRecord bureau = random.nextInt(5) == 0 ? null : new CreditHistory.BureauRecord("PBOC",
                "R-" + random.nextInt(1_000), random.nextInt(10) == 0 ? 2_000 : 300 + random.nextInt(650),
                random.nextBoolean() ? List.of() : List.of("OVERDUE_60"),
                today.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(86_400L * random.nextInt(60)),
                today.atStartOfDay().toInstant(ZoneOffset.UTC));
        return new CreditHistory(repayments, missed, delinquency, reports, observations, cures, incomes, assets, bureau,
                List.of());
    }

    /** A business date around the policy's windows: up to 30 months back, a few days ahead. */
    private static LocalDate date(Random random, LocalDate today) {
        return today.minusDays(random.nextInt(920) - 5);
    }

    /** An amount with 2 decimals, sometimes 0 or 1 (a stored amount keeps the scale it was written with). */
    private static BigDecimal amount(Random random, int low, int high) {
        BigDecimal value = BigDecimal.valueOf(low + random.nextInt(high - low + 1));
        return value.setScale(random.nextInt(4) == 0 ? random.nextInt(2) : 2);
    }

    private static IncomeSource source(Random random) {
        return IncomeSource.values()[random.nextInt(IncomeSource.values().length)];
    }
}
