package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** A throw-away RSA key pair made per test run: the service trusts its public key, tests sign tokens with it. */
public class JwtTestKeys implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://login.uplift.test";
    private static KeyPair keys;

    @Override
    public synchronized Map<String, String> start() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return Map.of(
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
    }

    /** A signed bearer token for {@code subject} with {@code roles} in its groups claim. */
    public static String token(String subject, String issuer, String... roles) {
        return Jwt.issuer(issuer).upn(subject).groups(Set.of(roles)).expiresIn(300).sign(keys.getPrivate());
    }

    /** The same, confined to one borrower by the {@code borrower_id} claim. */
    public static String borrowerToken(String subject, String borrowerId, String... roles) {
        return Jwt.issuer(ISSUER).upn(subject).groups(Set.of(roles)).claim("borrower_id", borrowerId).expiresIn(300)
                .sign(keys.getPrivate());
    }
}
