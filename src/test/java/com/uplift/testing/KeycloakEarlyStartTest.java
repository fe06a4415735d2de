package com.uplift.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which selected classes make {@link KeycloakEarlyStart} start Keycloak: read by name from the class files, the
 * profile's test resources decide.
 */
class KeycloakEarlyStartTest {

    @Test
    void theClassWhoseProfileNamesTheKeycloakResourceNeedsItAndOthersDoNot() {
        assertThat(KeycloakEarlyStart.needsKeycloak("com.uplift.api.console.ConsoleOidcSignInTest"))
                .as("its profile lists KeycloakTestResource").isTrue();
        assertThat(KeycloakEarlyStart.needsKeycloak("com.uplift.api.ApiContractTest")).as("no profile").isFalse();
        assertThat(KeycloakEarlyStart.needsKeycloak("com.uplift.audit.AuditTamperingTest"))
                .as("a profile with other resources").isFalse();
        assertThat(KeycloakEarlyStart.needsKeycloak("com.uplift.api.DatabaseOutageTest"))
                .as("a profile with its own test resources, none of them Keycloak").isFalse();
        assertThat(KeycloakEarlyStart.needsKeycloak("com.uplift.NoSuchTest")).as("not a class").isFalse();
    }
}
