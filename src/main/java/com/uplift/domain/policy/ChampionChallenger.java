package com.uplift.domain.policy;

/**
 * Champion/challenger: a stable share of lines (by hash of the line id) is assigned to the challenger strategy.
 *
 * @param challengerSharePercent  0..100: the share of lines in the challenger arm
 * @param challengerPolicyVersion the policy version the challenger arm runs (null: no challenger yet)
 * @param salt                    changes the assignment when a new experiment starts, so arms are not reused
 */
public record ChampionChallenger(int challengerSharePercent, Integer challengerPolicyVersion, String salt) {

    public ChampionChallenger {
        if (challengerSharePercent < 0 || challengerSharePercent > 100) {
            throw new IllegalArgumentException("challengerSharePercent must be 0..100");
        }
        salt = salt == null ? "" : salt;
    }
}
