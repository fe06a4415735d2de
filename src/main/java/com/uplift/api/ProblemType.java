package com.uplift.api;

/** The kinds of problem the API reports, each with its stable type URI and HTTP status. */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid", 400),
    MALFORMED("malformed-request", "The request body cannot be read", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    FORBIDDEN("forbidden", "This role may not do that", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    TOO_LARGE("payload-too-large", "The request body is too large", 413),
    URI_TOO_LONG("uri-too-long", "The request target is too long", 414),
    BUSINESS_RULE("business-rule", "The credit line refuses this command", 422),
    // the same kind of problem (clients branch on the type), titled by whose rule refused
    POLICY_BOOK_RULE("business-rule", "The policy book refuses this command", 422),
    SCORECARD_DEVELOPMENT_RULE("business-rule", "The scorecard development refuses this request", 422),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    VERSION_MISMATCH("version-mismatch", "The credit line has changed since you read it", 412),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "This Idempotency-Key was used with a different request", 422),
    LINE_BUSY("line-busy", "The credit line is busy with other commands; nothing was recorded", 503),
    UNAVAILABLE("temporarily-unavailable", "A dependency of this command is temporarily unavailable", 503),
    // the service's own record is broken, which no retry mends and no request could have avoided: not an outage (no
    // 503, no Retry-After), not a bug to hunt by incident id, but an event an operator must look at
    UNREADABLE_EVENT("unreadable-event", "A stored event cannot be read", 500),
    INTERNAL("internal", "Internal error", 500);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return "urn:uplift:problem:" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
