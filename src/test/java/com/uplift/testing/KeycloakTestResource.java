package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real OIDC provider for the console's sign-in: the run's Keycloak ({@link KeycloakServer}), with the realm of
 * src/test/resources/keycloak/uplift-realm.json: the confidential client {@value #CLIENT_ID} with a test-only secret,
 * realm roles named like the API's roles, and users with and without them. For the one test profile that switches the
 * console's OIDC sign-in on.
 * <p>
 * {@link KeycloakEarlyStart} has usually started Keycloak when the integration lane began, so this waits only for
 * what is left of its start; run without that listener, it starts Keycloak itself. Either way it waits for the
 * realm's discovery document (up to {@code uplift.test.keycloak.wait}, 300 s by default), fails early with the end of
 * target/keycloak.log if Keycloak exits, and stops Keycloak with the profile's application.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "uplift";
    public static final String CLIENT_ID = "uplift-console";
    /** The realm file's client secret: a test value, never a production one. */
    public static final String CLIENT_SECRET = "test-only-console-secret-not-for-production";

    /** Each realm user's password, as uplift-realm.json sets it. */
    public static String passwordOf(String user) {
        return user + "-secret";
    }

    @Override
    public Map<String, String> start() {
        String issuer = KeycloakServer.start();
        KeycloakServer.awaitIssuer(issuer);
        return Map.of(
                "uplift.console.oidc.enabled", "true",
                "uplift.console.oidc.auth-server-url", issuer,
                "uplift.console.oidc.client-id", CLIENT_ID,
                "uplift.console.oidc.client-secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        KeycloakServer.stop();
    }
}
