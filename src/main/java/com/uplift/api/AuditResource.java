package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CreditLineService;
import com.uplift.audit.AuditScope;
import com.uplift.audit.ChampionChallengerReport;
import com.uplift.audit.RegulatorExport;
import com.uplift.audit.StreamAnchors;
import com.uplift.audit.VerificationJobs;
import com.uplift.audit.VerificationReport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Regulatory audit: timelines, re-verification of every recorded decision and hash chain, anchoring of stream heads,
 * exports for regulators and champion/challenger outcomes. Read-only for the business: the only write is the audit
 * stream's anchors. Policy simulation lives beside the policies ({@code POST /api/policies/{version}/simulations}).
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Regulatory audit: timelines, re-verification of decisions and hash chains, anchoring, exports, champion/challenger")
public class AuditResource {

    static final String LINE_ID = "[A-Za-z0-9-]{1,64}";
    static final int MAX_LINES = 1000;
    public static final String NDJSON = "application/x-ndjson";

    private final CreditLineService lines;
    private final VerificationJobs verifications;
    private final StreamAnchors anchors;
    private final RegulatorExport export;
    private final ChampionChallengerReport championChallenger;
    private final Caller caller;

    public AuditResource(CreditLineService lines, VerificationJobs verifications, StreamAnchors anchors,
                         RegulatorExport export, ChampionChallengerReport championChallenger, Caller caller) {
        this.lines = lines;
        this.verifications = verifications;
        this.anchors = anchors;
        this.export = export;
        this.championChallenger = championChallenger;
        this.caller = caller;
    }

    /** Which lines, or which time range of recorded events, or (both empty) everything. */
    public record ScopeRequest(@Size(max = MAX_LINES) List<@Pattern(regexp = LINE_ID) String> lines,
                               Instant from, Instant to) {
        AuditScope toScope() {
            return scope(lines, from, to);
        }
    }

    @GET
    @Path("/credit-lines/{id}/timeline")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "getAuditTimeline",
            summary = "Every event of a line in order: who, when, channel, correlation id; decisions with their explanation, reviews with reviewer and level (paged)",
            description = "Roles: auditor.")
    @APIResponse(responseCode = "200", description = "A page of the timeline; nextFromVersion continues it")
    @APIResponse(responseCode = "404", description = "No such credit line")
    public Uni<AuditTimelineEntry.Page> timeline(@PathParam("id") @Pattern(regexp = LINE_ID) String id,
                                                 @QueryParam("fromVersion") @DefaultValue("1") @Min(1) long fromVersion,
                                                 @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return lines.history(id, fromVersion, limit + 1).map(events -> new AuditTimelineEntry.Page(id,
                events.stream().limit(limit).map(AuditTimelineEntry::of).toList(),
                events.size() > limit ? events.get(limit).streamVersion() : null));
    }

    @POST
    @Path("/verifications")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "startVerification",
            summary = "Re-verify recorded decisions and hash chains for some lines, a time range, or everything (background job)",
            description = "Location is the job's path; clean stays null until the job has finished. Roles: auditor.")
    @APIResponse(responseCode = "202", description = "Queued; Location is the job's path (relative), whose report shows progress and findings",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/audit/verifications/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationReport.class)))
    @APIResponse(responseCode = "400", description = "Invalid scope (problem+json)")
    public Response verify(@Valid ScopeRequest request) {
        AuditScope scope = request == null ? AuditScope.EVERYTHING : request.toScope();
        VerificationReport queued = verifications.submit(scope, caller.actor());
        return Response.accepted(queued).header(HttpHeaders.LOCATION, "/api/audit/verifications/" + queued.id()).build();
    }

    @GET
    @Path("/verifications/{id}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "getVerification",
            summary = "A verification's progress and findings: lines, events and decisions checked; mismatches with the first differing field; broken links and anchors with their position",
            description = "Roles: auditor.")
    @APIResponse(responseCode = "200", description = "The job's report; clean is null until it has finished")
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<VerificationReport> verification(@PathParam("id") String id) {
        return verifications.find(id).map(report -> report.orElseThrow(NotFoundException::new));
    }

    @POST
    @Path("/anchors")
    @Blocking // anchoring pages through the log (StreamAnchors): a worker thread, never the event loop
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "anchorStreamHeads",
            summary = "Anchor now: record the head hash of every stream changed since the last anchor in the audit stream",
            description = "Roles: auditor, admin.")
    @APIResponse(responseCode = "201", description = "Anchored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StreamAnchors.AnchorResult.class)))
    @APIResponse(responseCode = "200", description = "Nothing changed since the last anchor; nothing written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StreamAnchors.AnchorResult.class)))
    public Response anchor() {
        StreamAnchors.AnchorResult result = anchors.anchorNow(caller.actor());
        return Response.status(result.anchored() ? 201 : 200).entity(result).build();
    }

    @GET
    @Path("/export")
    @Blocking // the body is written page by page as it is read (RegulatorExport), on a worker thread
    @Produces({NDJSON, "text/csv"})
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "exportAuditRecords",
            summary = "Stream events (NDJSON) or decisions (format=csv) for regulators; the last line is a manifest with counts, range and the SHA-256 of every byte before it",
            description = "Roles: auditor.")
    @APIResponse(responseCode = "200", description = "NDJSON: one event per line, then {\"manifest\":{...}}. CSV: a header, one decision or review per row, then '# manifest {...}'",
            content = {@Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response export(@Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") String from,
                           @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
                           @Parameter(description = "comma-separated credit-line ids") @QueryParam("lines") String lineIds,
                           @QueryParam("format") @DefaultValue("ndjson") @Pattern(regexp = "ndjson|csv") String format) {
        AuditScope scope = scope(splitLines(lineIds), instant("from", from), instant("to", to));
        boolean csv = format.equals("csv");
        StreamingOutput body = out -> {
            if (csv) {
                export.decisionsCsv(scope, out);
            } else {
                export.events(scope, out);
            }
        };
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"uplift-audit." + (csv ? "csv" : "ndjson") + "\"")
                .build();
    }

    @GET
    @Path("/champion-challenger")
    @Blocking // replays lines one by one (LineHistory)
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    @Operation(operationId = "getChampionChallengerReport",
            summary = "Outcomes and later delinquency per policy group (strategy arm and policy version) against the 30+ DPD benchmark",
            description = "Roles: auditor, admin, risk-officer, senior-risk-officer.")
    public ChampionChallengerReport.Report championChallenger(@QueryParam("from") String from, @QueryParam("to") String to,
                                                              @QueryParam("lines") String lineIds) {
        return championChallenger.build(scope(splitLines(lineIds), instant("from", from), instant("to", to)));
    }

    static AuditScope scope(List<String> lineIds, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("to", "must be after from");
        }
        return new AuditScope(lineIds, from, to);
    }

    static List<String> splitLines(String lineIds) {
        if (lineIds == null || lineIds.isBlank()) {
            return List.of();
        }
        List<String> ids = Arrays.stream(lineIds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.size() > MAX_LINES || ids.stream().anyMatch(id -> !id.matches(LINE_ID))) {
            throw invalid("lines", "at most " + MAX_LINES + " comma-separated credit-line ids");
        }
        return ids;
    }

    static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "not an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
    }

    private static WebApplicationException invalid(String field, String message) {
        return Problem.invalidRequest(field, message, field + ": " + message);
    }
}
