package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CreditLineService;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/**
 * 降额 and 客户分层 over HTTP (rules v5): the line's decreases with their reasons, the review of a referred decrease,
 * and a tier set by hand. The decreases themselves are decided by the servicing facts that trip a policy trigger.
 */
@Path("/api/credit-lines/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Limit decreases and tiers", description = "降额 on deterioration, their reviews, and the line's tier (客户分层)")
public class DecreaseResource {

    private final CommandRunner commands;
    private final CreditLineService service;
    private final Caller caller;

    public DecreaseResource(CommandRunner commands, CreditLineService service, Caller caller) {
        this.commands = commands;
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/decreases")
    @RolesAllowed({Roles.CHANNEL, Roles.OPERATIONS, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listLimitDecreases",
            summary = "Every limit decrease on the line: the triggers that held, the reasons, the reviews",
            description = "A decrease is decided when a servicing fact trips a trigger of the policy's decreases"
                    + " section: APPLIED at once, or REFERRED to review. reasonTexts give the customer's reasons in the"
                    + " language Accept-Language prefers (zh-CN by default, en when asked). Roles: channel, operations,"
                    + " risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "Every decrease on the line, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DecreaseRecord.class),
                    examples = @ExampleObject(name = "65 days past due, applied at once", value = """
                            [{"decreaseId":"LD-1","outcome":"APPLIED","status":"APPLIED","oldLimit":10000.00,"drawn":2500.00,
                              "proposedLimit":3500.00,"newLimit":3500.00,"reviewLevelsRequired":0,
                              "triggers":[{"trigger":"DPD_60","measured":"DAYS_PAST_DUE 65 >= 60","reasonCode":"PAST_DUE"}],
                              "reasons":["PAST_DUE"],"reasonTexts":[{"code":"PAST_DUE","text":"本额度目前有逾期未还金额。"}],
                              "increasesFrozenUntil":"2026-06-13T02:00:00Z","reviews":[],"policyVersion":2,"rulesVersion":5,
                              "decidedAt":"2026-03-15T02:00:00Z"}]""")))
    @APIResponse(responseCode = "404", description = "No such credit line")
    public Uni<List<DecreaseRecord>> decreases(@PathParam("id") String id, @Context HttpHeaders headers) {
        Locale language = ReasonTexts.language(headers);
        return service.domainEvents(id).map(events -> DecreaseRecord.from(events, language));
    }

    @POST
    @Path("/decreases/{decreaseId}/reviews")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    @Operation(operationId = "reviewLimitDecrease",
            summary = "Review a referred decrease: level 1 by a risk officer, level 2 by a senior risk officer; "
                    + "nobody reviews twice",
            description = "An approval applies the decrease at the last level the trigger asked for (never below the"
                    + " drawn balance) and freezes increases for the policy's cooling-off; a decline keeps the limit and"
                    + " quiets the triggers for the cooling-off. Accepts Idempotency-Key and If-Match like every command."
                    + " Level 1 needs the risk-officer role, level 2 the senior-risk-officer role."
                    + " Roles: risk-officer, senior-risk-officer.")
    @APIResponse(responseCode = "200", description = "Reviewed; where the decrease stands now and the line after it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecreaseReviewView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (level, outcome or comment missing)")
    @APIResponse(responseCode = "403", description = "The caller's role may not review at that level")
    @APIResponse(responseCode = "404", description = "No such credit line")
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @APIResponse(responseCode = "422", description = "Refused, the problem's code names the rule: DECREASE_NOT_PENDING,"
            + " WRONG_REVIEW_LEVEL, ALREADY_REVIEWED (four eyes), COMMENT_REQUIRED, BELOW_DRAWN, NOT_A_DECREASE")
    public Uni<Response> review(@PathParam("id") String id,
                                @PathParam("decreaseId") @Pattern(regexp = "LD-[0-9]{1,9}") String decreaseId,
                                @Valid @NotNull CommandRequests.DecreaseReview body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        caller.requireReviewer(body.level());
        return commands.run(caller, "POST", "/api/credit-lines/" + id + "/decreases/" + decreaseId + "/reviews", id,
                ifMatch, key, body,
                at -> new CreditLineCommand.ReviewDecrease(decreaseId, caller.actor(), body.level(), body.outcome(),
                        body.approvedLimit(), body.comment(), at),
                (snapshot, response) -> response.entity(DecreaseReviewView.of(
                        snapshot.appended(LimitDecreaseReviewed.class).orElseThrow(), CreditLineView.of(snapshot))),
                Response.Status.OK);
    }

    @PUT
    @Path("/tier")
    @RolesAllowed({Roles.SENIOR_RISK_OFFICER, Roles.ADMIN})
    @Operation(operationId = "setTier",
            summary = "Set the line's tier (segment) by hand, with a reason",
            description = "The tier's increase scheme (bands, caps, cooling-off of the policy's segments) applies to the"
                    + " line from now on; the policy's tiering rules leave it there for tiering.manualHoldDays. Recorded"
                    + " as TierChanged with the caller as setBy (one person: see docs/policy.md on why no four eyes)."
                    + " Roles: senior-risk-officer, admin.")
    @APIResponse(responseCode = "200", description = "Set; the move as recorded and the line after it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TierView.class),
                    examples = @ExampleObject(name = "moved to a stricter tier", value = """
                            {"fromTier":"PRIME","toTier":"NEW_TO_CREDIT","cause":"SET_BY_HAND",
                             "reasons":["income under investigation by the branch"],"setBy":"senior1","policyVersion":2,
                             "rulesVersion":5,"changedAt":"2026-03-15T02:00:00Z","creditLine":{"segment":"NEW_TO_CREDIT"}}""")))
    @APIResponse(responseCode = "400", description = "Invalid body (tier or reason missing)")
    @APIResponse(responseCode = "403", description = "The caller is neither a senior risk officer nor an admin")
    @APIResponse(responseCode = "404", description = "No such credit line")
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @APIResponse(responseCode = "422", description = "Refused: UNKNOWN_SEGMENT (not STANDARD nor a segment of the policy),"
            + " TIER_UNCHANGED (the line is in that tier)")
    public Uni<Response> setTier(@PathParam("id") String id, @Valid @NotNull CommandRequests.TierSetting body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.run(caller, "PUT", "/api/credit-lines/" + id + "/tier", id, ifMatch, key, body,
                at -> new CreditLineCommand.SetTier(body.tier(), body.reason(), caller.actor(), at),
                (snapshot, response) -> response.entity(TierView.of(
                        snapshot.appended(TierChanged.class).orElseThrow(), CreditLineView.of(snapshot))),
                Response.Status.OK);
    }
}
