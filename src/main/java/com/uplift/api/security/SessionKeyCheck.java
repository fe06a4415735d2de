package com.uplift.api.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Warns at startup, outside dev and test, when the console session cookie has no configured encryption key. Quarkus
 * then makes up a temporary key and logs it in plain text; that logger is kept to errors (application.properties),
 * since no secret belongs in a log, so this warning says what the operator must do instead, without any key.
 */
@ApplicationScoped
public class SessionKeyCheck {

    static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

    private static final Logger LOG = Logger.getLogger(SessionKeyCheck.class);

    void onStart(@Observes StartupEvent start,
                 @ConfigProperty(name = SESSION_KEY) Optional<String> sessionKey) {
        warning(LaunchMode.current(), sessionKey).ifPresent(LOG::warn);
    }

    /** The warning due for this launch mode and configured key, if any. */
    static Optional<String> warning(LaunchMode mode, Optional<String> sessionKey) {
        if (mode != LaunchMode.NORMAL || sessionKey.filter(key -> !key.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("no encryption key for the console session cookie: each start makes up a temporary one, so"
                + " every console session ends on a restart and on another instance; set"
                + " QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY (32+ characters, the same on every instance)");
    }
}
