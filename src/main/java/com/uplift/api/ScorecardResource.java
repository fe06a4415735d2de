package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.audit.scorecard.DevelopmentReport;
import com.uplift.audit.scorecard.DevelopmentSample;
import com.uplift.audit.scorecard.ScorecardDevelopments;
import com.uplift.audit.scorecard.ScorecardStability;
import com.uplift.eventstore.EventMetadata;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Scorecards fitted on the book's own outcomes (docs/scorecard.md): a development proposes a policy version that
 * another admin approves like any other, with its validation report readable here; monitoring compares the live score
 * distribution with the development sample.
 */
@Path("/api/scorecards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scorecards", description = "Scorecard development on recorded outcomes, its validation report, and drift monitoring")
public class ScorecardResource {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final ScorecardDevelopments developments;
    private final ScorecardStability stability;
    private final Caller caller;

    public ScorecardResource(ScorecardDevelopments developments, ScorecardStability stability, Caller caller) {
        this.developments = developments;
        this.stability = stability;
        this.caller = caller;
    }

    /**
     * Every field optional: the defaults are the policy in force, 30+ days past due within 12 months, 30% hold-out, and
     * a proposal for every line; challengerSharePercent (1..50, refused by the policy book otherwise) proposes the card
     * as the challenger of the policy in force for that share of the lines.
     */
    public record DevelopmentRequest(@Min(1) Integer basePolicyVersion,
                                     @Min(1) @Max(180) Integer badDaysPastDue,
                                     @Min(1) @Max(24) Integer outcomeMonths,
                                     @Min(10) @Max(50) Integer holdoutPercent,
                                     Long seed,
                                     Integer challengerSharePercent) {
        DevelopmentSample.Settings settings() {
            DevelopmentSample.Settings d = DevelopmentSample.Settings.DEFAULT;
            return new DevelopmentSample.Settings(badDaysPastDue == null ? d.badDaysPastDue() : badDaysPastDue,
                    outcomeMonths == null ? d.outcomeMonths() : outcomeMonths,
                    holdoutPercent == null ? d.holdoutPercent() : holdoutPercent, seed == null ? d.seed() : seed);
        }
    }

    public record DevelopmentList(List<String> developmentIds) {
    }

    @POST
    @Path("/developments")
    @Blocking
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "developScorecard",
            summary = "Fit a scorecard on recorded decisions and their later outcomes, validate it on a hold-out, and propose it as a new policy version",
            description = "Replays every line, measures each increase decision's characteristics as they were, reads whether the line went "
                    + "badDaysPastDue+ days past due within outcomeMonths, fits weight-of-evidence logistic regression on the training lines "
                    + "and reports KS, Gini/AUC, calibration and stability on the hold-out. The proposal takes effect only when another admin "
                    + "approves it (POST /api/policies/{version}/approval); with challengerSharePercent that approval starts it as the "
                    + "challenger of the policy in force for that share of the lines. Every call is a new development. Roles: admin.")
    @APIResponse(responseCode = "201", description = "Developed and proposed; Location is the development's report (relative)",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/scorecards/developments/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DevelopmentReport.class)))
    @APIResponse(responseCode = "404", description = "No such base policy version")
    @APIResponse(responseCode = "422", description = "CHALLENGER_SHARE_OUT_OF_RANGE or CHALLENGER_RUNNING, SAMPLE_TOO_SMALL (how far short), or NOT_ESTIMABLE (no predictive characteristic, or one separating goods from bads perfectly); nothing proposed")
    public Response develop(@Valid DevelopmentRequest request) {
        DevelopmentRequest asked = request == null ? new DevelopmentRequest(null, null, null, null, null, null) : request;
        try {
            DevelopmentReport report = developments.develop(asked.basePolicyVersion(), asked.settings(), asked.challengerSharePercent(), caller.actor(),
                    new EventMetadata(caller.requestId(), caller.requestId(), caller.actor(), caller.channel(), caller.requestId()));
            return Response.status(Response.Status.CREATED)
                    .header(HttpHeaders.LOCATION, "/api/scorecards/developments/" + report.developmentId())
                    .entity(report).build();
        } catch (ScorecardDevelopments.UnknownBase unknown) {
            throw new NotFoundException(unknown.getMessage());
        }
    }

    @GET
    @Path("/developments")
    @RolesAllowed({Roles.ADMIN, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listScorecardDevelopments",
            summary = "The ids of every recorded scorecard development (at most 1,000)",
            description = "Roles: admin, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "Development ids, in id order")
    public Uni<DevelopmentList> list() {
        return developments.ids().map(DevelopmentList::new);
    }

    @GET
    @Path("/developments/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getScorecardDevelopment",
            summary = "A development's report: sample and exclusions, bins with weight of evidence and points, scaling, validation",
            description = "Roles: admin, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "The report as recorded with the development",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DevelopmentReport.class)))
    @APIResponse(responseCode = "404", description = "No such development")
    public Uni<DevelopmentReport> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN) String id) {
        return developments.find(id).map(ScorecardResource::found);
    }

    @GET
    @Path("/proposals/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getScorecardProposal",
            summary = "The development report behind a policy version that a scorecard development proposed",
            description = "What the approving admin reads beside GET /api/policies/{version}/diff and the simulation. Roles: admin, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "The report of the development that proposed this version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DevelopmentReport.class)))
    @APIResponse(responseCode = "404", description = "The version was not proposed by a scorecard development")
    public Uni<DevelopmentReport> proposal(@PathParam("version") @Min(1) int version) {
        return developments.forPolicy(version).map(ScorecardResource::found);
    }

    @GET
    @Path("/stability")
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getScorecardStability",
            summary = "PSI of the live score distribution against the development sample, for the policy in force and the challenger",
            description = "Reads each line's latest assessment (complete inputs, no knock-out) under each arm's version; also updates the "
                    + "gauge uplift_scorecard_psi. A version not fitted on recorded outcomes has no development sample (developmentId null). "
                    + "Roles: admin, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "Per arm: the version, its development, the live assessments counted, the bands and PSI with its verdict")
    public ScorecardStability.Report stability() {
        return stability.measure();
    }

    private static DevelopmentReport found(DevelopmentReport report) {
        if (report == null) {
            throw new NotFoundException();
        }
        return report;
    }
}
