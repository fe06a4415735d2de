package com.uplift.audit;

import com.uplift.domain.increase.IncreaseOutcome;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Counts first decisions on increase requests, and the limit they added. Not thread-safe: one per report run. */
public final class OutcomeTally {

    private long requests;
    private long approved;
    private long referred;
    private long declined;
    private long refused;
    private BigDecimal addedExposure = BigDecimal.ZERO.setScale(2);

    /** @param increase newLimit - oldLimit when approved, else ignored; outcome null when the decider refused */
    void add(IncreaseOutcome outcome, BigDecimal increase) {
        requests++;
        if (outcome == null) {
            refused++;
            return;
        }
        switch (outcome) {
            case APPROVED -> {
                approved++;
                if (increase != null) {
                    addedExposure = addedExposure.add(increase);
                }
            }
            case REFERRED -> referred++;
            case DECLINED -> declined++;
        }
    }

    /**
     * @param refused       requests the decider refused outright under this policy (e.g. a field it no longer accepts)
     * @param addedExposure the sum of the limit increases granted automatically
     * @param averageIncrease addedExposure / approved
     */
    public record Stats(long requests, long approved, long referred, long declined, long refused,
                        BigDecimal approvalRate, BigDecimal referralRate, BigDecimal declineRate,
                        BigDecimal averageIncrease, BigDecimal addedExposure) {
    }

    Stats stats() {
        return new Stats(requests, approved, referred, declined, refused, rate(approved, requests), rate(referred, requests),
                rate(declined, requests),
                approved == 0 ? null : addedExposure.divide(BigDecimal.valueOf(approved), 2, RoundingMode.HALF_EVEN),
                addedExposure);
    }

    /** A share as a fraction with 4 decimals (0.3333); null when there is nothing to divide by. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
}
