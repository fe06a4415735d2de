package com.uplift.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Locale;
import java.util.UUID;

/** X-Request-Id accepted (when well formed) or generated, put in the log context, echoed; X-Channel checked. */
public class RequestFilters {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String CHANNEL = "X-Channel";
    private static final String PROPERTY = "uplift.requestId";

    private final Caller caller;
    private final long maxBodyBytes;

    public RequestFilters(Caller caller,
                          @org.eclipse.microprofile.config.inject.ConfigProperty(name = "uplift.http.max-body-size", defaultValue = "65536") long maxBodyBytes) {
        this.caller = caller;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Bodies above {@code uplift.http.max-body-size} are refused as problem+json before they are read. The HTTP layer's
     * own, higher limit ({@code quarkus.http.limits.max-body-size}) stops bodies that announce no length.
     */
    @ServerRequestFilter(preMatching = true, priority = 1)
    public Response limitBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return null;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes
                    ? Problem.of(ProblemType.TOO_LARGE, "the request body exceeds " + maxBodyBytes + " bytes").toResponse()
                    : null;
        } catch (NumberFormatException e) {
            return Problem.of(ProblemType.MALFORMED, "Content-Length is not a number").toResponse();
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Response identify(ContainerRequestContext request) {
        String offered = request.getHeaderString(REQUEST_ID);
        String requestId = Caller.isValidRequestId(offered) ? offered : UUID.randomUUID().toString();
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

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(PROPERTY);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID, requestId);
        }
    }
}
