package com.uplift.api.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Demo users over HTTP Basic, each with its own name as password, for the embedded local run and the tests.
 * Off unless {@code uplift.demo-users.enabled=true} (on by default only in the dev and test profiles); production
 * authenticates bearer JWTs.
 */
@ApplicationScoped
public class DemoUsers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final Map<String, Set<String>> USERS = Map.of(
            "channel", Set.of(Roles.CHANNEL),
            "ops", Set.of(Roles.OPERATIONS),
            "officer1", Set.of(Roles.RISK_OFFICER),
            "officer2", Set.of(Roles.RISK_OFFICER),
            "senior1", Set.of(Roles.SENIOR_RISK_OFFICER),
            "auditor", Set.of(Roles.AUDITOR),
            "admin", Set.of(Roles.ADMIN),
            "admin2", Set.of(Roles.ADMIN));

    private final boolean enabled;

    public DemoUsers(@ConfigProperty(name = "uplift.demo-users.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String user = request.getUsername();
        Set<String> roles = USERS.get(user);
        if (!enabled || roles == null || !passwordMatches(user, request.getPassword().getPassword())) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRoles(roles)
                .build());
    }

    private static boolean passwordMatches(String user, char[] password) {
        return MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), new String(password).getBytes(StandardCharsets.UTF_8));
    }
}
