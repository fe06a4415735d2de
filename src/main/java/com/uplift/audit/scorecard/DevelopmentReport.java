package com.uplift.audit.scorecard;

import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a scorecard development found, as stored with it ({@code ScorecardDeveloped}) and shown to the admins who
 * approve the proposal: the sample and what was excluded, each characteristic's bins with goods, bads, weight of
 * evidence and points (beside the base card's), the coefficients, the points-to-odds scaling, and the validation.
 * Figures are decimals rounded to 6 places, so the stored report is exact and reproducible text.
 *
 * @param proposedPolicyVersion the policy version proposed with this card (four-eyes: another admin approves it)
 */
@Schema(name = "ScorecardDevelopmentReport")
public record DevelopmentReport(String developmentId, int basePolicyVersion, int proposedPolicyVersion,
                                LocalDate asOf, String developedBy, Settings settings, SampleSummary sample,
                                List<CharacteristicFit> characteristics, BigDecimal intercept, Scaling scaling,
                                Validation validation) {

    public DevelopmentReport {
        characteristics = List.copyOf(characteristics);
    }

    /** The same report, naming the policy version it was proposed as. */
    public DevelopmentReport proposedAs(int version) {
        return new DevelopmentReport(developmentId, basePolicyVersion, version, asOf, developedBy, settings, sample,
                characteristics, intercept, scaling, validation);
    }

    /**
     * @param excluded decisions left out of the sample, by reason (outcome window too short, incomplete inputs...)
     */
    public record SampleSummary(long linesRead, long decisionsRead, long observations, long train, long holdout,
                                long trainBads, long holdoutBads, BigDecimal badRate, Map<String, Long> excluded) {
    }

    /**
     * @param leftOutBecause null when the characteristic is in the card; otherwise ONE_BIN_POPULATED,
     *                       INFORMATION_VALUE_BELOW_0.02 or WRONG_SIGN (it then earns 0 points in every bin)
     * @param coefficient    on the weight of evidence, in the log-odds of a bad (negative: the expected sign)
     */
    public record CharacteristicFit(String characteristic, String reasonCode, String leftOutBecause,
                                    BigDecimal informationValue, BigDecimal coefficient, List<BinFit> bins) {
        public CharacteristicFit {
            bins = List.copyOf(bins);
        }
    }

    /** One bin on the training sample: @param currentPoints the base policy's points for it. */
    public record BinFit(String label, long goods, long bads, BigDecimal weightOfEvidence, int points, int currentPoints) {
    }

    /**
     * score = offset + factor * ln(odds of a good); {@code pointsToDoubleOdds} = factor * ln 2.
     *
     * @param offset the score at even odds (one bad per good)
     */
    public record Scaling(BigDecimal factor, BigDecimal offset, BigDecimal pointsToDoubleOdds, List<OddsAt> oddsAt) {
        public Scaling {
            oddsAt = List.copyOf(oddsAt);
        }
    }

    /** The odds of a good (goods per bad) and the bad rate the fit puts at a score. */
    public record OddsAt(int score, BigDecimal oddsOfGood, BigDecimal badRate) {
    }

    /**
     * @param currentCardOnHoldout the base policy's hand-set card on the same hold-out, for comparison
     * @param calibration          on the hold-out, per grade band of the base policy: predicted against observed
     * @param population           the fitted score on the development sample against today's population
     */
    public record Validation(Discrimination train, Discrimination holdout, Discrimination currentCardOnHoldout,
                             List<CalibrationBand> calibration, Stability population,
                             List<CharacteristicStability> characteristicStability) {
        public Validation {
            calibration = List.copyOf(calibration);
            characteristicStability = List.copyOf(characteristicStability);
        }
    }

    /** AUC, Gini and KS; null when the group has no goods or no bads. */
    public record Discrimination(long observations, long bads, BigDecimal auc, BigDecimal gini, BigDecimal ks) {
    }

    public record CalibrationBand(String grade, int fromScore, int toScore, long observations, long bads,
                                  BigDecimal predictedBadRate, BigDecimal observedBadRate) {
    }

    /**
     * @param verdict STABLE (PSI below 0.10), MONITOR (0.10 to 0.25) or SHIFTED (0.25 and above); NO_POPULATION when
     *                there is nothing to compare
     */
    public record Stability(long developmentSize, long populationSize, List<BandShare> bands, BigDecimal psi,
                            String verdict) {
        public Stability {
            bands = List.copyOf(bands);
        }
    }

    /** A score band [fromScore, toScore] and its share of each distribution. */
    public record BandShare(int fromScore, int toScore, BigDecimal developmentShare, BigDecimal populationShare) {
    }

    public record CharacteristicStability(String characteristic, BigDecimal csi, String verdict) {
    }

    static BigDecimal decimal(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN) : null;
    }

    /** The usual reading of a PSI (or CSI): below 0.10 stable, up to 0.25 worth watching, above a shift. */
    public static String verdict(double psi) {
        return psi < 0.10 ? "STABLE" : psi < 0.25 ? "MONITOR" : "SHIFTED";
    }
}
