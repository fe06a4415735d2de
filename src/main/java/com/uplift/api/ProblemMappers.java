package com.uplift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.uplift.application.CommandRejectedException;
import com.uplift.application.CreditLineNotFoundException;
import com.uplift.eventstore.WrongExpectedVersionException;
import com.uplift.eventstore.DatabaseUnavailable;
import com.uplift.eventstore.Sparse;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Turns every failure into application/problem+json. No stack trace, SQL or class name reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.of(ProblemType.VALIDATION, "one or more fields are invalid").withErrors(errors).toResponse();
    }

    /** Jackson's own mapper for this subtype would answer in plain JSON: ours is more specific. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problem.invalid(unknown.getPropertyName(), "unknown field", "unknown field '" + unknown.getPropertyName() + "'")
                    .toResponse();
        }
        if (e instanceof StrictJson.TextRefused refused) {
            String field = fieldPath(refused);
            return Problem.invalid(field, refused.getOriginalMessage(), "field '" + field + "' " + refused.getOriginalMessage())
                    .toResponse();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            return Problem.invalid(field, "wrong type or format", "field '" + field + "' has the wrong type or format").toResponse();
        }
        java.util.regex.Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
        if (e instanceof StreamReadException && duplicate.matches()) {
            // Jackson's strict duplicate detection (StrictJson) has no exception type of its own, only this message
            return Problem.invalid(duplicate.group(1), "given more than once",
                    "field '" + duplicate.group(1) + "' is given more than once").toResponse();
        }
        return Problem.of(ProblemType.MALFORMED, "the body is not valid JSON").toResponse();
    }

    private static final java.util.regex.Pattern DUPLICATE_KEY = java.util.regex.Pattern.compile("Duplicate field '(.*)'", java.util.regex.Pattern.DOTALL);

    private static String fieldPath(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
    }

    /** The risk console's sign-in form posts here (quarkus.http.auth.form.post-location). */
    static final String CONSOLE_SIGN_IN = "/console/j_security_check";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, jakarta.ws.rs.core.UriInfo uri) {
        if (CONSOLE_SIGN_IN.equals(uri.getPath())) {
            // a refused console sign-in fails in the HTTP layer and lands here: back to the form, which says so
            return Response.seeOther(java.net.URI.create("/console/login?failed=true")).build();
        }
        return unauthenticated();
    }

    static Response unauthenticated() {
        return Response.fromResponse(Problem.of(ProblemType.UNAUTHENTICATED, "send a bearer token or valid credentials").toResponse())
                .header("WWW-Authenticate", "Bearer, Basic realm=\"uplift\"")
                .build();
    }

    @ServerExceptionMapper
    public Response pageBeyondReach(com.uplift.readmodel.PageBeyondReach e) {
        return Problem.invalid("page", "must be at most " + com.uplift.readmodel.PageBeyondReach.lastPage(e.size())
                + " at size " + e.size(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(ProblemType.FORBIDDEN, "your role may not do this").toResponse();
    }

    @ServerExceptionMapper
    public Response lineBusy(com.uplift.application.LineBusyException e) {
        // a hot line's queue was full or the command's deadline passed: nothing was recorded, so a retry is safe
        return Response.fromResponse(Problem.of(ProblemType.LINE_BUSY, e.getMessage()).toResponse())
                .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))).build();
    }

    @ServerExceptionMapper
    public Response notFound(CreditLineNotFoundException e) {
        return outcome(e);
    }

    @ServerExceptionMapper
    public Response refused(CommandRejectedException e) {
        return outcome(e);
    }

    @ServerExceptionMapper
    public Response versionMismatch(WrongExpectedVersionException e) {
        return outcome(e);
    }

    /** True for the failures that are a definite answer to the request (not found, refused, stale version). */
    static boolean isOutcome(Throwable failure) {
        // A version conflict is not stored: without If-Match it is a passing race (retry with the same key is safe,
        // nothing was appended); with If-Match the client must read again and use a new key anyway.
        return failure instanceof CreditLineNotFoundException || failure instanceof CommandRejectedException;
    }

    /** The problem response of such an answer; Idempotency-Key stores it like a success, so a retry sees the same. */
    static Response outcome(Throwable failure) {
        return switch (failure) {
            case CreditLineNotFoundException e -> Problem.of(ProblemType.NOT_FOUND, e.getMessage()).toResponse();
            case CommandRejectedException e -> Problem.of(OfferRefusals.typeOf(e), e.rejection().message())
                    .withRefusal(e.rejection().code(), e.rejection().reasons()).toResponse();
            // lost, after retries, to commands on the borrower's other lines: the line's own version says nothing
            case WrongExpectedVersionException e when com.uplift.domain.borrower.BorrowerStream.is(e.streamId()) ->
                    Problem.of(ProblemType.VERSION_MISMATCH, "commands on the borrower's other credit lines were recorded"
                            + " first, again and again; nothing was recorded for this one: send it again").toResponse();
            case WrongExpectedVersionException e -> Problem.of(ProblemType.VERSION_MISMATCH,
                            "the credit line is at version " + e.actualVersion() + ", not " + e.expectedVersion())
                    .withActualVersion(e.actualVersion()).toResponse();
            default -> throw new IllegalArgumentException("not an outcome: " + failure);
        };
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getResponse().hasEntity() && e.getResponse().getEntity() instanceof Problem) {
            return e.getResponse();
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // the JSON reader wraps parse failures (a duplicate key, nesting too deep) as a plain 400
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.MALFORMED;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.NOT_ALLOWED;
            case 413 -> ProblemType.TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED;
        };
        return new Problem(type.uri(), type.title(), status, type.title(), null, null, null, null, null).toResponse();
    }

    /** Events already logged as unreadable on this instance: each is logged once, not at every read of its line. */
    private static final java.util.Set<String> LOGGED_UNREADABLE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int LOGGED_UNREADABLE_AT_MOST = 10_000;

    /**
     * A stored event the code cannot read (its payload edited in the database, a type this version does not know):
     * the line cannot be folded, so it can be neither shown nor changed. The answer names the event and says so; the
     * log says why (the reader's refusal), once per event, with no stack trace: the cause is the data, not the code.
     */
    @ServerExceptionMapper
    public Response unreadableEvent(com.uplift.eventstore.UnreadableEventException e) {
        String event = e.streamId() + " v" + e.streamVersion();
        if (LOGGED_UNREADABLE.size() < LOGGED_UNREADABLE_AT_MOST && LOGGED_UNREADABLE.add(event)) {
            LOG.errorf("unreadable stored event: %s", e.getMessage());
        }
        return Problem.of(ProblemType.UNREADABLE_EVENT, "the stored event " + event + " (" + e.eventType()
                + ") cannot be read by this service, so what it belongs to can be neither shown nor changed until it is"
                + " repaired; nothing was recorded. Its stream's events: GET /api/credit-lines/{id}/events; re-verification"
                + " reports it").toResponse();
    }

    private static final Sparse OUTAGE_WARNINGS = new Sparse(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));

    /** How long a client should wait before retrying a request refused because the database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.is(e)) {
            // an outage is not a bug: readiness is DOWN meanwhile, and the pool reconnects by itself once it is back
            long held = OUTAGE_WARNINGS.admit(System.nanoTime());
            if (held != Sparse.NOT_ADMITTED) {
                LOG.warnf("database unavailable: %s (%d more requests answered 503 for it since the last such line;"
                        + " at most one line per 10 s)", e.toString(), held);
            }
            return Response.fromResponse(Problem.of(ProblemType.UNAVAILABLE,
                            "the database is unavailable; retry after " + RETRY_AFTER_SECONDS + " s").toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s", incident);
        return Problem.of(ProblemType.INTERNAL, "unexpected failure; incident " + incident).toResponse();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "open.request.initialLimit" -> "initialLimit": clients know their body, not our method names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }
}
