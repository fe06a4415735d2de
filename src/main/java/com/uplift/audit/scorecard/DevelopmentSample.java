package com.uplift.audit.scorecard;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.policy.Bin;
import com.uplift.domain.policy.Characteristic;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Scorecard;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskAssessor;
import com.uplift.domain.risk.RiskInputs;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The development sample's definitions, as pure functions of folded line states: what one observation is, which are
 * excluded and why, and what the outcome is. {@link SampleBuilder} walks the store and calls these.
 * <p>
 * <b>Observation</b>: one increase decision (its {@code IncreaseDecided} batch), dated by the decision's business
 * date. Its characteristics are measured on the line's state folded from every event <i>before</i> that batch, as the
 * base policy's scorecard measures them on that date (never today's state). <b>Outcome</b>: bad when the line was
 * {@code badDaysPastDue} (30) or more days past due at any time in the {@code outcomeMonths} (12) after the decision,
 * read from the line's whole later history (see {@link #bad}).
 */
public final class DevelopmentSample {

    /** The eight characteristics in scorecard order (the order of {@code RiskAssessor}'s breakdown). */
    public static final List<String> CHARACTERISTICS = List.of("REPAYMENT_ON_TIME", "WORST_DAYS_PAST_DUE", "UTILIZATION",
            "INCOME_STABILITY", "INCOME_TREND", "ASSET_CHANGES", "MONTHS_ON_BOOK", "BUREAU_SCORE");

    /**
     * @param badDaysPastDue  days past due that make an outcome bad (30: the industry's "ever 30+")
     * @param outcomeMonths   how long after a decision the outcome is watched (12)
     * @param holdoutPercent  share of lines (not decisions: a line's decisions stay together) kept out of the fit
     * @param seed            seeds the hold-out split, so a development can be repeated exactly
     */
    public record Settings(int badDaysPastDue, int outcomeMonths, int holdoutPercent, long seed) {

        public static final Settings DEFAULT = new Settings(30, 12, 30, 20261130L);

        public Settings {
            if (badDaysPastDue < 1 || badDaysPastDue > 180) {
                throw new IllegalArgumentException("badDaysPastDue must lie in 1..180");
            }
            if (outcomeMonths < 1 || outcomeMonths > 24) {
                throw new IllegalArgumentException("outcomeMonths must lie in 1..24 (a line's state keeps 26 months)");
            }
            if (holdoutPercent < 10 || holdoutPercent > 50) {
                throw new IllegalArgumentException("holdoutPercent must lie in 10..50");
            }
        }
    }

    /**
     * One decision with its characteristics' bins (index into the base policy's bins, scorecard order) and outcome.
     */
    public record Observation(String creditLineId, String requestId, LocalDate decidedOn, int[] bins, boolean bad,
                              boolean holdout) {
    }

    /** Why a decision is not in the sample. */
    public enum Exclusion {
        /** the outcome window has not closed yet: we cannot know whether it goes bad */
        OUTCOME_WINDOW_TOO_SHORT,
        /** an input was missing, stale or contradictory: such decisions are referred, the scorecard does not decide them */
        INCOMPLETE_INPUTS,
        /** a negative bureau record: the knock-out decides, whatever the points */
        KNOCKED_OUT,
        /** already {@code badDaysPastDue}+ days past due when decided: the outcome is not a prediction */
        ALREADY_BAD
    }

    /** A decision measured, before its outcome is known: either its bins or why it is excluded. */
    public record Measured(String creditLineId, String requestId, LocalDate decidedOn, int[] bins, Exclusion exclusion) {
    }

    private DevelopmentSample() {
    }

    /** The characteristics of a line as {@code policy}'s scorecard measures them on {@code on}. */
    public static Measured measure(String creditLineId, String requestId, CreditLineState before, Policy policy,
                                   LocalDate on, int rulesVersion, Settings settings) {
        RiskAssessment assessment = RiskAssessor.assess(before.facts(), policy, on, rulesVersion);
        if (!assessment.knockOuts().isEmpty()) {
            return new Measured(creditLineId, requestId, on, null, Exclusion.KNOCKED_OUT);
        }
        int[] bins = binsOf(assessment, policy.scorecard());
        if (bins == null) {
            return new Measured(creditLineId, requestId, on, null, Exclusion.INCOMPLETE_INPUTS);
        }
        if (before.facts().history().readUnder(rulesVersion).daysPastDueOn(on) >= settings.badDaysPastDue()) {
            return new Measured(creditLineId, requestId, on, null, Exclusion.ALREADY_BAD);
        }
        return new Measured(creditLineId, requestId, on, bins, null);
    }

    /**
     * A line's measured decisions as the sample takes them: each excluded one counted in {@code excluded} (first of all
     * when its outcome window has not closed by {@code asOf}), each other one an observation with the outcome its
     * line's later history shows ({@code last}: the line's state after its last event) and its side of the split.
     */
    public static List<Observation> observe(String creditLineId, List<Measured> measured, CreditLineState last,
                                            LocalDate asOf, Settings settings, Map<Exclusion, Long> excluded) {
        List<Observation> observations = new ArrayList<>();
        boolean holdout = inHoldout(creditLineId, settings);
        for (Measured m : measured) {
            Exclusion why = !windowClosed(m.decidedOn(), asOf, settings) ? Exclusion.OUTCOME_WINDOW_TOO_SHORT : m.exclusion();
            if (why != null) {
                excluded.merge(why, 1L, Long::sum);
            } else {
                observations.add(new Observation(creditLineId, m.requestId(), m.decidedOn(), m.bins(),
                        bad(last, m.decidedOn(), settings), holdout));
            }
        }
        return observations;
    }

    /** The bin index of each characteristic in an assessment; null when any input was unusable. */
    public static int[] binsOf(RiskAssessment assessment, Scorecard card) {
        List<Characteristic> characteristics = characteristics(card);
        int[] bins = new int[characteristics.size()];
        for (int j = 0; j < bins.length; j++) {
            CharacteristicScore scored = assessment.breakdown().get(j);
            if (scored.value() == null) {
                return null;
            }
            List<Bin> all = characteristics.get(j).bins();
            bins[j] = all.indexOf(characteristics.get(j).binFor(scored.value()));
        }
        return bins;
    }

    public static List<Characteristic> characteristics(Scorecard card) {
        return List.of(card.repaymentOnTime(), card.worstDaysPastDue(), card.utilization(), card.incomeStability(),
                card.incomeTrend(), card.assetChanges(), card.monthsOnBook(), card.bureauScore());
    }

    /**
     * Bad when, in the window {@code (decidedOn, decidedOn + outcomeMonths]}, the line's later history shows
     * {@code badDaysPastDue}+ days past due: an observation of that lateness dated in the window (a servicing report, a
     * late repayment, a cure's "days past due before", the aging between reports by date), the newest report before
     * the window's end aged to it, or an instalment still unpaid (or repaid) {@code badDaysPastDue}+ days after it fell
     * due, that day being in the window. {@code after} is the line's state after its last event, read under the
     * current rules (the newest business date wins).
     */
    public static boolean bad(CreditLineState after, LocalDate decidedOn, Settings settings) {
        CreditHistory history = after.facts().history().readUnder(DeciderRules.CURRENT);
        LocalDate end = decidedOn.plusMonths(settings.outcomeMonths());
        int threshold = settings.badDaysPastDue();
        boolean observed = history.dpdObservations().stream()
                .anyMatch(o -> inWindow(o.on(), decidedOn, end) && o.daysPastDue() >= threshold);
        CreditHistory.DelinquencyReport lastBeforeEnd = history.delinquencyReports().stream()
                .filter(r -> !r.asOf().isAfter(end)).reduce((first, second) -> second).orElse(null);
        boolean agedIntoIt = lastBeforeEnd != null && lastBeforeEnd.daysPastDue() > 0
                && lastBeforeEnd.daysPastDue() + lastBeforeEnd.asOf().until(end, ChronoUnit.DAYS) >= threshold
                && inWindow(lastBeforeEnd.asOf().plusDays(Math.max(0, threshold - lastBeforeEnd.daysPastDue())), decidedOn, end);
        boolean unpaid = history.missedPayments().stream().anyMatch(m -> m.outstanding().signum() > 0
                && inWindow(m.dueDate().plusDays(threshold), decidedOn, end));
        boolean repaidLate = history.repayments().stream().anyMatch(r -> r.daysLate() >= threshold
                && inWindow(r.dueDate().plusDays(threshold), decidedOn, end));
        return observed || agedIntoIt || unpaid || repaidLate;
    }

    /** Whether a decision's outcome window has closed by {@code asOf}. */
    public static boolean windowClosed(LocalDate decidedOn, LocalDate asOf, Settings settings) {
        return !decidedOn.plusMonths(settings.outcomeMonths()).isAfter(asOf);
    }

    /** The seeded hold-out split, by line: the same seed and line always land on the same side. */
    public static boolean inHoldout(String creditLineId, Settings settings) {
        return new SplittableRandom(settings.seed() * 31 + creditLineId.hashCode()).nextInt(100) < settings.holdoutPercent();
    }

    /** A line's current characteristics for the population the scorecard would score today; null if incomplete. */
    public static int[] currentBins(CreditLineState now, Policy policy, LocalDate today) {
        if (!now.opened() || now.writeOff() != null) {
            return null;
        }
        RiskAssessment assessment = RiskAssessor.assess(now.facts(), policy, today, DeciderRules.CURRENT);
        return assessment.knockOuts().isEmpty() ? binsOf(assessment, policy.scorecard()) : null;
    }

    static boolean inWindow(LocalDate date, LocalDate after, LocalDate through) {
        return date.isAfter(after) && !date.isAfter(through);
    }

    /** Today as the policy's calendar has it. */
    public static LocalDate businessDate(java.time.Instant at, Policy policy) {
        return RiskInputs.businessDate(at, policy);
    }
}
