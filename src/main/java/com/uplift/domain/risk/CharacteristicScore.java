package com.uplift.domain.risk;

import java.math.BigDecimal;

/**
 * Points earned by one characteristic, with the value that earned them.
 *
 * @param value  the measured value fed to the bins (null when the input is missing, stale or contradictory)
 * @param bin    the label of the bin hit, or the data-quality problem that scored it zero
 * @param reasonCode the adverse-action reason code quoted when this characteristic loses points
 */
public record CharacteristicScore(String characteristic, BigDecimal value, String bin, int points, int maxPoints,
                                  String reasonCode) {

    public int pointsLost() {
        return maxPoints - points;
    }
}
