package com.uplift.api.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * The console's signed-in demo user on each later request: the form login's encrypted cookie names the user (the
 * password was checked once, by {@link DemoUsers}), and the roles are those of the same table, so a console session
 * has exactly the roles the user has over HTTP Basic. Off with the demo users.
 */
@ApplicationScoped
public class DemoUserSessions implements IdentityProvider<TrustedAuthenticationRequest> {

    private final boolean enabled;

    public DemoUserSessions(@ConfigProperty(name = "uplift.demo-users.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        Set<String> roles = DemoUsers.USERS.get(request.getPrincipal());
        if (!enabled || roles == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getPrincipal()))
                .addRoles(roles)
                .build());
    }
}
