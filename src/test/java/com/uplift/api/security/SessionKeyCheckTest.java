package com.uplift.api.security;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console session key never reaches the log: Quarkus' own WARN that prints a made-up key is silenced, and ours
 * says which variable to set, without any key.
 */
class SessionKeyCheckTest {

    @Test
    void quarkusLineThatPrintsTheTemporaryKeyIsKeptOutOfTheLog() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        // FormAuthenticationMechanism logs "using temporary key <key>" at WARN; ERROR drops it in every profile
        assertThat(properties.getProperty(
                "quarkus.log.category.\"io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism\".level"))
                .isEqualTo("ERROR");
        assertThat(properties.stringPropertyNames()).noneMatch(name -> name.endsWith(SessionKeyCheck.SESSION_KEY)
                && !name.startsWith("%dev.") && !name.startsWith("%test."));
    }

    @Test
    void aProductionStartWithoutAKeyWarnsNamingTheVariableToSet() {
        assertThat(SessionKeyCheck.warning(LaunchMode.NORMAL, Optional.empty())).hasValueSatisfying(warning ->
                assertThat(warning).contains("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY").doesNotContain("temporary key "));
        assertThat(SessionKeyCheck.warning(LaunchMode.NORMAL, Optional.of("  "))).isPresent();
    }

    @Test
    void aConfiguredKeyOrADevOrTestRunNeedsNoWarning() {
        assertThat(SessionKeyCheck.warning(LaunchMode.NORMAL, Optional.of("k".repeat(32)))).isEmpty();
        assertThat(SessionKeyCheck.warning(LaunchMode.DEVELOPMENT, Optional.empty())).isEmpty();
        assertThat(SessionKeyCheck.warning(LaunchMode.TEST, Optional.empty())).isEmpty();
    }
}
