package com.uplift.domain.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns a credit line to an arm by a stable hash of its id: the same line always lands in the same arm for the same
 * salt, whatever the machine or the order of arrival, so an experiment can be replayed and audited.
 */
public final class StrategyAssignment {

    private StrategyAssignment() {
    }

    /** CHAMPION whenever no challenger version is set: a share without a challenger would label an A/A split. */
    public static StrategyArm assign(String creditLineId, ChampionChallenger setting) {
        return setting.challengerPolicyVersion() != null && bucket(creditLineId, setting.salt()) < setting.challengerSharePercent()
                ? StrategyArm.CHALLENGER : StrategyArm.CHAMPION;
    }

    /** 0..99, uniform over ids: the first 8 bytes of SHA-256(salt + ":" + id), unsigned, modulo 100. */
    static int bucket(String creditLineId, String salt) {
        byte[] digest = sha256((salt + ":" + creditLineId).getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(value, 100);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
