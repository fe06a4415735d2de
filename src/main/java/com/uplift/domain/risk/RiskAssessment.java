package com.uplift.domain.risk;

import java.math.BigDecimal;
import java.util.List;

/**
 * One dynamic risk assessment (动态风险评估): the score with its points per characteristic, the principal reasons,
 * any knock-outs, the data-quality verdict on each input, and the grade and APR that follow.
 *
 * @param score            0..100; 0 when a knock-out applies
 * @param pointsTotal      the sum of the breakdown, before any knock-out
 * @param principalReasons up to four reason codes, most points lost first (knock-outs first of all)
 */
public record RiskAssessment(int score, int pointsTotal, String grade, BigDecimal aprPercent,
                             List<CharacteristicScore> breakdown, List<String> principalReasons,
                             List<String> knockOuts, List<DataQualityIssue> dataQuality, List<InputUsed> inputs) {

    public RiskAssessment {
        breakdown = List.copyOf(breakdown);
        principalReasons = List.copyOf(principalReasons);
        knockOuts = List.copyOf(knockOuts);
        dataQuality = List.copyOf(dataQuality);
        inputs = List.copyOf(inputs);
    }

    public boolean reliable() {
        return dataQuality.isEmpty();
    }
}
