package com.uplift.audit.scorecard;

import com.uplift.audit.scorecard.DevelopmentReport.BandShare;
import com.uplift.audit.scorecard.DevelopmentReport.BinFit;
import com.uplift.audit.scorecard.DevelopmentReport.CalibrationBand;
import com.uplift.audit.scorecard.DevelopmentReport.CharacteristicFit;
import com.uplift.audit.scorecard.DevelopmentReport.CharacteristicStability;
import com.uplift.audit.scorecard.DevelopmentReport.Discrimination;
import com.uplift.audit.scorecard.DevelopmentReport.OddsAt;
import com.uplift.audit.scorecard.DevelopmentReport.Scaling;
import com.uplift.audit.scorecard.DevelopmentReport.Stability;
import com.uplift.audit.scorecard.DevelopmentReport.Validation;
import com.uplift.audit.scorecard.DevelopmentSample.Observation;
import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import com.uplift.domain.policy.Bin;
import com.uplift.domain.policy.Characteristic;
import com.uplift.domain.policy.GradeBand;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Scorecard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.uplift.audit.scorecard.DevelopmentReport.decimal;

/**
 * A scorecard development as pure steps: check the sample, fit on the training part, write the fitted points into a
 * copy of the base policy, and validate on the hold-out and against today's population. {@link ScorecardDevelopments}
 * runs them on the store and records the result.
 */
public final class ScorecardDevelopment {

    /** Fewest training observations, and goods and bads each, a fit is attempted on. */
    public static final int MIN_TRAIN = 100;
    public static final int MIN_TRAIN_CLASS = 20;
    /** Fewest hold-out observations, and bads, a validation is reported on. */
    public static final int MIN_HOLDOUT = 30;
    public static final int MIN_HOLDOUT_BADS = 5;
    /** Score bands for stability: 0-9, 10-19, ..., 90-100. */
    static final int BANDS = 10;
    /** Scores at which the report states the fitted odds. */
    static final int[] ODDS_REPORTED_AT = {50, 70, 85, 100};

    /** The sample cannot support a fit or a validation; says how far short it is. */
    public static final class SampleTooSmall extends RuntimeException {
        public SampleTooSmall(String message) {
            super(message);
        }
    }

    private ScorecardDevelopment() {
    }

    public static List<Observation> train(List<Observation> sample) {
        return sample.stream().filter(o -> !o.holdout()).toList();
    }

    public static List<Observation> holdout(List<Observation> sample) {
        return sample.stream().filter(Observation::holdout).toList();
    }

    public static void checkSize(List<Observation> sample) {
        List<Observation> train = train(sample);
        List<Observation> holdout = holdout(sample);
        long trainBads = train.stream().filter(Observation::bad).count();
        long holdoutBads = holdout.stream().filter(Observation::bad).count();
        if (train.size() < MIN_TRAIN || trainBads < MIN_TRAIN_CLASS || train.size() - trainBads < MIN_TRAIN_CLASS
                || holdout.size() < MIN_HOLDOUT || holdoutBads < MIN_HOLDOUT_BADS) {
            throw new SampleTooSmall("the development sample has " + train.size() + " training decisions (" + trainBads
                    + " bad) and " + holdout.size() + " hold-out decisions (" + holdoutBads + " bad); a fit needs at least "
                    + MIN_TRAIN + " training decisions with " + MIN_TRAIN_CLASS + " goods and " + MIN_TRAIN_CLASS
                    + " bads, and a validation " + MIN_HOLDOUT + " hold-out decisions with " + MIN_HOLDOUT_BADS + " bads");
        }
    }

    public static int[] binCounts(Scorecard card) {
        return DevelopmentSample.characteristics(card).stream().mapToInt(c -> c.bins().size()).toArray();
    }

    /** The base card's own points, bin by bin, in scorecard order. */
    public static int[][] points(Scorecard card) {
        return DevelopmentSample.characteristics(card).stream()
                .map(c -> c.bins().stream().mapToInt(Bin::points).toArray()).toArray(int[][]::new);
    }

    /** The base policy with the fitted points in its bins (same bins, labels and reason codes), under a new name. */
    public static Policy fittedPolicy(Policy base, ScorecardFitter.Fitted fitted, String name) {
        Scorecard card = base.scorecard();
        List<Characteristic> characteristics = DevelopmentSample.characteristics(card);
        List<Characteristic> refitted = new ArrayList<>();
        for (int j = 0; j < characteristics.size(); j++) {
            Characteristic c = characteristics.get(j);
            List<Bin> bins = new ArrayList<>();
            for (int i = 0; i < c.bins().size(); i++) {
                Bin b = c.bins().get(i);
                bins.add(new Bin(b.from(), b.to(), fitted.scaled().points()[j][i], b.label()));
            }
            refitted.add(new Characteristic(c.reasonCode(), c.description(), bins));
        }
        Scorecard fittedCard = new Scorecard(card.lookbackMonths(), card.incomeWindowMonths(), card.minIncomePeriods(),
                card.onTimeGraceDays(), refitted.get(0), refitted.get(1), refitted.get(2), refitted.get(3),
                refitted.get(4), refitted.get(5), refitted.get(6), refitted.get(7), card.knockOutReasonCode());
        return new Policy(base.version(), name, base.timeZone(), base.defaultCurrency(), fittedCard, base.dataQuality(),
                base.increase(), base.segments(), base.grades(), base.warnings(), base.signalLexicon(),
                base.championChallenger(), base.ownBookKnockout(), base.offers(), base.decreases(), base.tiering());
    }

    public static List<CharacteristicFit> characteristics(Scorecard base, ScorecardFitter.Fitted fitted) {
        List<Characteristic> characteristics = DevelopmentSample.characteristics(base);
        List<CharacteristicFit> result = new ArrayList<>();
        for (int j = 0; j < characteristics.size(); j++) {
            Characteristic c = characteristics.get(j);
            List<BinFit> bins = new ArrayList<>();
            for (int i = 0; i < c.bins().size(); i++) {
                bins.add(new BinFit(c.bins().get(i).label(), fitted.goods()[j][i], fitted.bads()[j][i],
                        decimal(fitted.woe()[j][i]), fitted.scaled().points()[j][i], c.bins().get(i).points()));
            }
            result.add(new CharacteristicFit(DevelopmentSample.CHARACTERISTICS.get(j), c.reasonCode(), fitted.leftOut()[j],
                    decimal(fitted.informationValue()[j]), decimal(fitted.coefficients()[j]), bins));
        }
        return result;
    }

    public static Scaling scaling(PointsScaling.Scaled scaled) {
        List<OddsAt> odds = new ArrayList<>();
        for (int score : ODDS_REPORTED_AT) {
            odds.add(new OddsAt(score, decimal(scaled.oddsAt(score)), decimal(scaled.badRateAt(score))));
        }
        return new Scaling(decimal(scaled.factor()), decimal(scaled.offset()), decimal(scaled.pointsToDoubleOdds()), odds);
    }

    public static Discrimination discrimination(List<Observation> observations, int[][] points) {
        int[][] scored = ScorecardFitter.scoresAndOutcomes(observations, points);
        long bads = observations.stream().filter(Observation::bad).count();
        if (bads == 0 || bads == observations.size()) {
            return new Discrimination(observations.size(), bads, null, null, null);
        }
        double auc = ValidationMetrics.auc(scored[0], scored[1]);
        return new Discrimination(observations.size(), bads, decimal(auc), decimal(ValidationMetrics.gini(auc)),
                decimal(ValidationMetrics.ks(scored[0], scored[1])));
    }

    /** Predicted against observed bad rate on the hold-out, per grade band of the policy (best grade first). */
    public static List<CalibrationBand> calibration(List<Observation> holdout, ScorecardFitter.Fitted fitted, Policy base) {
        List<GradeBand> grades = base.grades().stream().sorted(Comparator.comparingInt(GradeBand::minScore).reversed()).toList();
        List<CalibrationBand> bands = new ArrayList<>();
        int top = PointsScaling.RANGE;
        for (GradeBand grade : grades) {
            int from = grade.minScore();
            int to = top;
            List<Observation> in = holdout.stream().filter(o -> {
                int s = fitted.score(o.bins());
                return s >= from && s <= to;
            }).toList();
            long bads = in.stream().filter(Observation::bad).count();
            double predicted = in.stream().mapToDouble(o -> fitted.scaled().badRateAt(fitted.score(o.bins()))).average().orElse(Double.NaN);
            bands.add(new CalibrationBand(grade.grade(), from, to, in.size(), bads, decimal(predicted),
                    in.isEmpty() ? null : decimal((double) bads / in.size())));
            top = from - 1;
        }
        return bands;
    }

    /** Shares of scores in the bands 0-9, 10-19, ..., 90-100. */
    public static long[] bandCounts(List<Integer> scores) {
        long[] counts = new long[BANDS];
        scores.forEach(s -> counts[Math.min(BANDS - 1, Math.max(0, s) / BANDS)]++);
        return counts;
    }

    public static Stability stability(long[] development, long[] population) {
        return stability(java.util.Arrays.stream(development).sum(), ValidationMetrics.shares(development), population);
    }

    /** Live scores (counts per band) against a development's recorded distribution: what monitoring reports. */
    public static Stability stability(Stability development, long[] live) {
        return stability(development.developmentSize(),
                development.bands().stream().mapToDouble(b -> b.developmentShare().doubleValue()).toArray(), live);
    }

    /** Counts per band against the development's shares of the same bands, 0-9 to 90-100. */
    private static Stability stability(long developmentSize, double[] expected, long[] population) {
        double[] actual = ValidationMetrics.shares(population);
        List<BandShare> bands = new ArrayList<>();
        for (int i = 0; i < BANDS; i++) {
            bands.add(new BandShare(i * BANDS, i == BANDS - 1 ? PointsScaling.RANGE : i * BANDS + BANDS - 1,
                    decimal(expected[i]), decimal(actual[i])));
        }
        long populationSize = java.util.Arrays.stream(population).sum();
        if (populationSize == 0) {
            return new Stability(developmentSize, 0, bands, null, "NO_POPULATION");
        }
        double psi = ValidationMetrics.psi(expected, actual);
        return new Stability(developmentSize, populationSize, bands, decimal(psi), DevelopmentReport.verdict(psi));
    }

    /** CSI of each characteristic: its bin distribution in the development sample against today's population. */
    public static List<CharacteristicStability> characteristicStability(List<Observation> sample, List<int[]> population,
                                                                        int[] binCounts) {
        List<CharacteristicStability> result = new ArrayList<>();
        for (int j = 0; j < binCounts.length; j++) {
            long[] development = new long[binCounts[j]];
            long[] today = new long[binCounts[j]];
            for (Observation o : sample) {
                development[o.bins()[j]]++;
            }
            for (int[] bins : population) {
                today[bins[j]]++;
            }
            if (population.isEmpty()) {
                result.add(new CharacteristicStability(DevelopmentSample.CHARACTERISTICS.get(j), null, "NO_POPULATION"));
                continue;
            }
            double csi = ValidationMetrics.psi(ValidationMetrics.shares(development), ValidationMetrics.shares(today));
            result.add(new CharacteristicStability(DevelopmentSample.CHARACTERISTICS.get(j), decimal(csi),
                    DevelopmentReport.verdict(csi)));
        }
        return result;
    }

    /** The whole validation of a fitted card. */
    public static Validation validate(List<Observation> sample, List<int[]> population, ScorecardFitter.Fitted fitted,
                                      Policy base) {
        List<Observation> holdout = holdout(sample);
        long[] development = bandCounts(sample.stream().map(o -> fitted.score(o.bins())).toList());
        long[] today = bandCounts(population.stream().map(fitted::score).toList());
        return new Validation(discrimination(train(sample), fitted.scaled().points()),
                discrimination(holdout, fitted.scaled().points()),
                discrimination(holdout, points(base.scorecard())),
                calibration(holdout, fitted, base), stability(development, today),
                characteristicStability(sample, population, binCounts(base.scorecard())));
    }

    public static DevelopmentReport.SampleSummary summary(SampleBuilder.Built built) {
        List<Observation> train = train(built.observations());
        List<Observation> holdout = holdout(built.observations());
        long bads = built.observations().stream().filter(Observation::bad).count();
        Map<String, Long> excluded = new TreeMap<>();
        for (DevelopmentSample.Exclusion why : DevelopmentSample.Exclusion.values()) {
            excluded.put(why.name(), built.excluded().getOrDefault(why, 0L));
        }
        return new DevelopmentReport.SampleSummary(built.linesRead(), built.decisionsRead(), built.observations().size(),
                train.size(), holdout.size(), train.stream().filter(Observation::bad).count(),
                holdout.stream().filter(Observation::bad).count(),
                built.observations().isEmpty() ? null : decimal((double) bads / built.observations().size()), excluded);
    }

    public static DevelopmentReport report(String id, Policy base, int proposedVersion, LocalDate asOf, String actor,
                                           Settings settings, SampleBuilder.Built built, ScorecardFitter.Fitted fitted) {
        return new DevelopmentReport(id, base.version(), proposedVersion, asOf, actor, settings, summary(built),
                characteristics(base.scorecard(), fitted), decimal(fitted.intercept()), scaling(fitted.scaled()),
                validate(built.observations(), built.population(), fitted, base));
    }
}
