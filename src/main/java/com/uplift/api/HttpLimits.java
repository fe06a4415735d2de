package com.uplift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request limits that the HTTP layer enforces before any resource is chosen, answered as problem+json like every
 * other error (Vert.x' own answers are empty and carry no content type):
 * <ul>
 * <li>a body announced longer than {@code uplift.http.max-body-size} (64 KiB): 413;</li>
 * <li>a body sent without a length (chunked) is read here, up to the same limit, before the REST layer sees it;
 *     one that grows longer is a 413 too (the REST layer's own limit would answer an empty 413);</li>
 * <li>a request target longer than {@code uplift.http.max-uri-length} (8 KiB): 414.</li>
 * </ul>
 * These handlers run before Quarkus' own upload limit. A request line longer than
 * {@code quarkus.http.limits.max-initial-line-length} (64 KiB) never reaches a router: Netty answers a bare 414.
 */
@ApplicationScoped
public class HttpLimits {

    private static final long DRAIN_LIMIT = 1024 * 1024;
    private static final long DRAIN_MILLIS = 5000;

    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final int maxUriLength;

    public HttpLimits(ObjectMapper json,
                      @ConfigProperty(name = "uplift.http.max-body-size", defaultValue = "65536") long maxBodyBytes,
                      @ConfigProperty(name = "uplift.http.max-uri-length", defaultValue = "8192") int maxUriLength) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.maxUriLength = maxUriLength;
    }

    void install(@Observes Router router) {
        BodyHandler unannounced = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::check).failureHandler(this::failed);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            boolean chunked = context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
            if (chunked) {
                unannounced.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(this::failed);
    }

    private void check(RoutingContext context) {
        if (context.request().uri().length() > maxUriLength) {
            answer(context, Problem.of(ProblemType.URI_TOO_LONG, "the request target exceeds " + maxUriLength + " characters"), false);
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long announced;
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                answer(context, Problem.of(ProblemType.MALFORMED, "Content-Length is not a number"), true);
                return;
            }
            if (announced > maxBodyBytes) {
                answer(context, Problem.of(ProblemType.TOO_LARGE, "the request body exceeds " + maxBodyBytes + " bytes"), true);
                return;
            }
        }
        context.next();
    }

    /** A limit that a lower layer found while reading (e.g. a body without a length that grew too long). */
    private void failed(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            answer(context, Problem.of(ProblemType.TOO_LARGE, "the request body exceeds the limit"), true);
        } else {
            context.next();
        }
    }

    /**
     * Answers; when a body may still be on its way, says the connection ends and closes it once the client has sent
     * the rest (discarded, at most {@value #DRAIN_LIMIT} bytes or {@value #DRAIN_MILLIS} ms). Closing at once would
     * make many clients (the JDK's among them) lose the answer while they are still sending.
     */
    private void answer(RoutingContext context, Problem problem, boolean bodyMayFollow) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerRequest request = context.request();
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (bodyMayFollow && request.version() != HttpVersion.HTTP_2 && !request.isEnded()) {
            // HTTP/1.x: the rest of the body must not be read as a next request. (HTTP/2 ends just this stream, and
            // forbids a Connection header.)
            response.putHeader(HttpHeaders.CONNECTION, "close");
            AtomicLong drained = new AtomicLong();
            Runnable close = () -> request.connection().close();
            long timer = context.vertx().setTimer(DRAIN_MILLIS, ignored -> close.run());
            request.handler(chunk -> {
                if (drained.addAndGet(chunk.length()) > DRAIN_LIMIT) {
                    close.run();
                }
            });
            request.endHandler(ignored -> {
                context.vertx().cancelTimer(timer);
                close.run();
            });
            request.exceptionHandler(ignored -> close.run());
            request.resume();
        }
        response.end(body);
    }
}
