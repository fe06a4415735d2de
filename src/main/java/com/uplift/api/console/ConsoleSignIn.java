package com.uplift.api.console;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/**
 * A refused sign-in (wrong password, unknown user) goes back to the sign-in form saying so. The form mechanism
 * answers a successful POST to its post location itself; a refused one, with authentication inside the REST layer
 * (not proactive), would otherwise surface as the API's 401 problem document in the officer's browser.
 */
public class ConsoleSignIn {

    static final String POST_LOCATION = "/console/j_security_check";

    private final CurrentIdentityAssociation identities;

    public ConsoleSignIn(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 10)
    public Uni<Response> refusedSignIn(ContainerRequestContext request) {
        if (!POST_LOCATION.equals(request.getUriInfo().getPath())) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> failed())
                .onFailure(AuthenticationFailedException.class).recoverWithItem(failure -> failed());
    }

    private static Response failed() {
        return Response.seeOther(URI.create("/console/login?failed=true")).build();
    }
}
