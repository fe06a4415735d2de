package com.uplift.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** X-Request-Id accepted (when well formed) or generated, put in the log context, echoed; X-Channel checked. */
public class RequestFilters {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String CHANNEL = "X-Channel";
    private static final String PROPERTY = "uplift.requestId";

    private final Caller caller;
    private final CurrentIdentityAssociation identities;

    public RequestFilters(Caller caller, CurrentIdentityAssociation identities) {
        this.caller = caller;
        this.identities = identities;
    }

    @ServerRequestFilter(preMatching = true)
    public Response identify(ContainerRequestContext request) {
        String offered = request.getHeaderString(REQUEST_ID);
        String requestId = Caller.isValidRequestId(offered) ? offered : newRequestId();
        request.setProperty(PROPERTY, requestId);
        caller.requestId(requestId);
        MDC.put("requestId", requestId);
        String channel = request.getHeaderString(CHANNEL);
        if (channel != null) {
            String normalized = channel.trim().toUpperCase(Locale.ROOT);
            if (!Caller.CHANNELS.contains(normalized)) {
                return Problem.invalid(CHANNEL, "unknown channel", "X-Channel must be one of " + Caller.CHANNELS).toResponse();
            }
            caller.channelHeader(normalized);
        }
        return null;
    }

    /**
     * A random (version 4) UUID from the event loop's own generator. A request id correlates log lines and events; it
     * guards nothing, so it needs no {@code SecureRandom}, whose shared lock {@code UUID.randomUUID()} takes on every
     * request (0.8% of the service's CPU under the write benchmark).
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * Every endpoint under /api needs a caller, so the caller is established before anything else is looked at: an
     * anonymous request or bad credentials get 401 before the content type (415), the body (400) or the path (404)
     * are judged. Authentication stays inside the REST layer (not proactive) so that this 401 is problem+json too.
     */
    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.USER + 1)
    public Uni<Response> authenticateFirst(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? ProblemMappers.unauthenticated() : null)
                .onFailure(AuthenticationFailedException.class).recoverWithItem(failure -> ProblemMappers.unauthenticated());
    }

    /**
     * Path and query parameters obey the same {@link PlainText} rule as body fields, before any of them reaches a
     * query: {@code /api/credit-lines/%00} is a 400 naming {@code id}, not a failure inside PostgreSQL.
     */
    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
    public Response plainParameters(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        Response refused = refuse(uri.getPathParameters(), "path parameter");
        return refused != null ? refused : refuse(uri.getQueryParameters(), "query parameter");
    }

    /**
     * An Idempotency-Key sent empty or blank is a malformed key, not "no key" (the parameter would read it as absent,
     * and the request would run without the protection its sender asked for); one sent twice is refused too, as
     * which one counts would be the parser's choice.
     */
    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
    public Response idempotencyKeyPresentMeansOne(HttpServerRequest request) {
        // the one header looked up in Vert.x's headers: every command passes here, and most send no key
        List<String> keys = request.headers().getAll(IdempotencyKeys.HEADER);
        if (keys.isEmpty() || keys.size() == 1 && !keys.getFirst().isBlank()) {
            return null;
        }
        return keys.size() > 1
                ? Problem.invalid(IdempotencyKeys.HEADER, "given twice", "Idempotency-Key given more than once").toResponse()
                : IdempotencyKeys.malformed();
    }

    private static Response refuse(MultivaluedMap<String, String> parameters, String kind) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            Optional<String> problem = PlainText.problem(parameter.getKey());
            for (int i = 0; problem.isEmpty() && i < parameter.getValue().size(); i++) {
                problem = PlainText.problem(parameter.getValue().get(i));
            }
            if (problem.isPresent()) {
                String name = PlainText.problem(parameter.getKey()).isPresent() ? "?" : parameter.getKey();
                return Problem.invalid(name, problem.get(), kind + " '" + name + "' " + problem.get()).toResponse();
            }
        }
        return null;
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(PROPERTY);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID, requestId);
        }
    }
}
