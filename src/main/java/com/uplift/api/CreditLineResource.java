package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CreditLineService;
import com.uplift.application.CreditLineSnapshot;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.readmodel.CreditLinesProjection;
import com.uplift.readmodel.ReadModelQueries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Opening and reading credit lines. HTTP to commands and snapshots to JSON; no business rule lives here. */
@Path("/api/credit-lines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credit lines", description = "Opening credit lines and reading them: now, as recorded at an instant, or at a version")
public class CreditLineResource {

    private final CreditLineService service;
    private final CommandRunner commands;
    private final Caller caller;
    private final ReadModelQueries queries;
    private final ReadYourWrites readYourWrites;

    public CreditLineResource(CreditLineService service, CommandRunner commands, Caller caller, ReadModelQueries queries,
                              ReadYourWrites readYourWrites) {
        this.service = service;
        this.commands = commands;
        this.caller = caller;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @POST
    @RolesAllowed({Roles.CHANNEL, Roles.OPERATIONS})
    @Operation(operationId = "openCreditLine",
            summary = "Open a credit line (channels), or migrate one with its real open date (operations)",
            description = "Channels open a line at today's date in segment STANDARD; only operations may set openedOn (a migration with the real open date) or another segment, and a channel that sends either gets 403 naming the field. Location is the new line's path, ETag its version. Roles: channel, operations.")
    @APIResponse(responseCode = "201", description = "Opened; Location is the new line's path (relative), ETag its version",
            headers = {@Header(name = HttpHeaders.LOCATION, description = "/api/credit-lines/{id}", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.ETAG, description = "the stream version, quoted", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditLineView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json with field errors)")
    @APIResponse(responseCode = "403", description = "The caller's role may not open lines, or a channel set openedOn or a segment (the problem names the field)")
    @APIResponse(responseCode = "422", description = "Refused by a business rule, or an Idempotency-Key reused with another body")
    public Uni<Response> open(@Valid @NotNull OpenCreditLineRequest request,
                              @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        if (request.segment() != null && !"STANDARD".equals(request.segment()) && !caller.hasRole(Roles.OPERATIONS)) {
            // a segment carries its own increase rules (steps, affordability): assigned by operations, not chosen by a channel
            throw forbiddenField("segment", "only operations may open a line in segment " + request.segment());
        }
        if (!caller.mayActFor(request.borrowerId())) {
            throw new io.quarkus.security.ForbiddenException("this token acts for borrower " + caller.borrower().orElseThrow() + " only");
        }
        if (request.openedOn() != null && !caller.hasRole(Roles.OPERATIONS)) {
            // months on book earn eligibility and points: only a migration from the origination system may back-date
            throw forbiddenField("openedOn", "openedOn may only be set by operations (migration)");
        }
        String id = UUID.randomUUID().toString();
        return commands.run(caller, "POST", "/api/credit-lines", id, null, idempotencyKey, request,
                at -> new CreditLineCommand.OpenCreditLine(id, request.borrowerId(), request.productCode(),
                        request.initialLimit(), Currency.getInstance(request.currency() == null ? "CNY" : request.currency()),
                        request.segment() == null ? "STANDARD" : request.segment(), request.openedOn(), at),
                (snapshot, response) -> response.header(HttpHeaders.LOCATION, "/api/credit-lines/" + id).entity(CreditLineView.of(snapshot)),
                Response.Status.CREATED);
    }

    @GET
    @RolesAllowed({Roles.CHANNEL, Roles.OPERATIONS, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listCreditLines",
            summary = "Credit lines from the read model: filter by grade, status and active warnings (paged)",
            description = "Roles: channel, operations, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "A page of lines; with minPosition, X-Projection-Caught-Up says whether it was reached",
            headers = @Header(name = ReadYourWrites.CAUGHT_UP, schema = @Schema(type = SchemaType.BOOLEAN)))
    public Uni<RestResponse<ReadModelQueries.PageOf<ReadModelQueries.LineItem>>> list(@QueryParam("grade") @jakarta.validation.constraints.Pattern(regexp = "[A-E]") String grade,
                              @QueryParam("status") @jakarta.validation.constraints.Pattern(regexp = "OPEN|DRAWDOWNS_FROZEN|WRITTEN_OFF") String status,
                              @Parameter(description = "true: lines with an active warning; false: without") @QueryParam("warning") Boolean warning,
                              @QueryParam("borrowerId") @jakarta.validation.constraints.Size(max = 64) String borrowerId,
                              @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(500) int size,
                              @HeaderParam(ReadYourWrites.HEADER) String minPositionHeader,
                              @Parameter(description = ReadYourWrites.MIN_POSITION) @QueryParam("minPosition") String minPosition) {
        return readYourWrites.query(CreditLinesProjection.NAME, minPositionHeader, minPosition,
                () -> queries.creditLines(grade, status, warning, caller.borrowerToList(borrowerId), page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CHANNEL, Roles.OPERATIONS, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getCreditLine",
            summary = "A credit line's state, rebuilt from its events: now, as of an instant, or at a version",
            description = "asOf is recording time: the line as the events recorded up to that instant left it (not a business date; a line opened after it is 404). version=N gives the state after its N-th event. Business dates in the body are in Asia/Shanghai. Roles: channel, operations, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "The line; ETag carries the stream version",
            headers = @Header(name = HttpHeaders.ETAG, description = "the stream version, quoted", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditLineView.class)))
    @APIResponse(responseCode = "404", description = "No such credit line (or none yet at that instant)")
    public Uni<Response> get(@PathParam("id") String id,
                             @Parameter(description = "recording time, an ISO-8601 instant such as 2026-11-28T10:00:00Z: the state from the events recorded up to then") @QueryParam("asOf") String asOf,
                             @Parameter(description = "stream version") @QueryParam("version") @Min(1) Long version) {
        Uni<CreditLineSnapshot> snapshot = asOf != null ? service.findAsOf(id, parseInstant(asOf))
                : service.find(id, version == null ? Long.MAX_VALUE : version);
        return snapshot.map(s -> Response.ok(CreditLineView.of(s)).tag(new EntityTag(Long.toString(s.version()))).build());
    }

    @GET
    @Path("/{id}/events")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listCreditLineEvents",
            summary = "The line's stored events, in order, with their metadata and hash-chain links (paged)",
            description = "Payloads are exactly as stored and hashed (amounts are strings there, so their scale survives), which lets an auditor recompute the chain. Roles: risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "A page of events; nextFromVersion continues it")
    public Uni<EventPage> events(@PathParam("id") String id,
                                 @QueryParam("fromVersion") @DefaultValue("1") @Min(1) long fromVersion,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return service.history(id, fromVersion, limit + 1).map(events -> {
            List<EventView> items = events.stream().limit(limit).map(EventView::of).toList();
            Long next = events.size() > limit ? events.get(limit).streamVersion() : null;
            return new EventPage(id, items, next);
        });
    }

    /** A 403 that names the field the caller may not set, so that a client knows what to leave out. */
    private static WebApplicationException forbiddenField(String field, String detail) {
        return new WebApplicationException(Problem.of(ProblemType.FORBIDDEN, detail)
                .withErrors(List.of(new Problem.FieldError(field, "may only be set by operations"))).toResponse());
    }

    static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problem.invalidRequest("asOf", "not an ISO-8601 instant",
                    "asOf must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
    }
}
