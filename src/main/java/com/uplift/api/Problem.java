package com.uplift.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem, so clients branch on it, not on text.
 *
 * @param errors  field-level details of a validation problem
 * @param reasons reason codes of a business refusal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
                      List<FieldError> errors, List<String> reasons, Long actualVersion) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null, null, null);
    }

    /** A 400 about one field (or header, or parameter) of the request. */
    public static Problem invalid(String field, String fieldMessage, String detail) {
        return of(ProblemType.VALIDATION, detail).withErrors(List.of(new FieldError(field, fieldMessage)));
    }

    /** The same, as an exception for code that cannot return a response. */
    public static jakarta.ws.rs.WebApplicationException invalidRequest(String field, String fieldMessage, String detail) {
        return new jakarta.ws.rs.WebApplicationException(invalid(field, fieldMessage, detail).toResponse());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, code, fieldErrors, reasons, actualVersion);
    }

    public Problem withRefusal(String ruleCode, List<String> reasonCodes) {
        return new Problem(type, title, status, detail, instance, ruleCode, errors, reasonCodes, actualVersion);
    }

    public Problem withActualVersion(long version) {
        return new Problem(type, title, status, detail, instance, code, errors, reasons, version);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
