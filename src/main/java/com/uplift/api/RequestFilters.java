package com.uplift.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
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

    public RequestFilters(Caller caller) {
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true)
    public void identify(ContainerRequestContext request) {
        String offered = request.getHeaderString(REQUEST_ID);
        String requestId = Caller.isValidRequestId(offered) ? offered : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, requestId);
        caller.requestId(requestId);
        MDC.put("requestId", requestId);
        String channel = request.getHeaderString(CHANNEL);
        if (channel != null) {
            String normalized = channel.trim().toUpperCase(Locale.ROOT);
            if (!Caller.CHANNELS.contains(normalized)) {
                request.abortWith(Problem.of(ProblemType.VALIDATION, "X-Channel must be one of " + Caller.CHANNELS)
                        .withErrors(java.util.List.of(new Problem.FieldError(CHANNEL, "unknown channel")))
                        .toResponse());
                return;
            }
            caller.channelHeader(normalized);
        }
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(PROPERTY);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID, requestId);
        }
    }
}
