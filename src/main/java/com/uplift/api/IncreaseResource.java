package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CreditLineService;
import com.uplift.application.CreditLineSnapshot;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** 提额: limit-increase requests from the channels, multi-level reviews by risk officers, and the decision record. */
@Path("/api/credit-lines/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Limit increases", description = "提额: increase requests, multi-level reviews and the full decision record")
public class IncreaseResource {

    private final CommandRunner commands;
    private final CreditLineService service;
    private final Caller caller;

    public IncreaseResource(CommandRunner commands, CreditLineService service, Caller caller) {
        this.commands = commands;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("/increase-requests")
    @RolesAllowed(Roles.CHANNEL)
    @Operation(operationId = "requestLimitIncrease",
            summary = "Ask for a higher limit: APPROVED (new limit applied), DECLINED (with reasons) or REFERRED to review",
            description = "Location is the path of the decision's full record (getIncreaseDecision). A decline or referral"
                    + " quotes at most 4 principal reasons, ranked, each with a text for the customer in the language"
                    + " Accept-Language prefers (zh-CN by default, en when asked). Roles: channel.")
    @APIResponse(responseCode = "201", description = "Decided; Location is the path of the full explanation (relative)",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/credit-lines/{id}/decisions/{requestId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncreaseDecisionView.class), examples = {
                    @ExampleObject(name = "approved automatically", value = """
                            {"requestId":"IR-5b1c...","outcome":"APPROVED","referralLevel":null,"reviewLevelsRequired":0,"oldLimit":10000.00,
                             "newLimit":14600.00,"proposedLimit":14600.00,"score":94,"grade":"A","aprPercent":7.20,
                             "reasons":[],"reasonTexts":[],"policyVersion":1,
                             "explanation":"/api/credit-lines/3f0c.../decisions/IR-5b1c...","creditLine":{"limit":14600.00}}"""),
                    @ExampleObject(name = "declined with reasons", value = """
                            {"requestId":"IR-9d2e...","outcome":"DECLINED","referralLevel":null,"reviewLevelsRequired":0,"oldLimit":14600.00,"newLimit":null,
                             "score":79,"grade":"B","aprPercent":9.90,"reasons":["PAST_DUE","ACTIVE_WARNING","COOLING_OFF"],
                             "reasonTexts":[{"code":"PAST_DUE","text":"本额度目前有逾期未还金额。"},
                              {"code":"ACTIVE_WARNING","text":"您的账户存在未解除的风险提示，例如逾期还款。"},
                              {"code":"COOLING_OFF","text":"您的额度近期刚提升过，请稍后再申请。"}],
                             "policyVersion":1,"explanation":"/api/credit-lines/3f0c.../decisions/IR-9d2e..."}"""),
                    @ExampleObject(name = "referred to review", value = """
                            {"requestId":"IR-77aa...","outcome":"REFERRED","referralLevel":1,"reviewLevelsRequired":2,"oldLimit":80000.00,
                             "newLimit":null,"proposedLimit":117800.00,"score":96,"grade":"A","aprPercent":7.20,
                             "reasons":["ABOVE_AUTO_APPROVAL_CEILING"],
                             "reasonTexts":[{"code":"ABOVE_AUTO_APPROVAL_CEILING","text":"此额度需由工作人员审批。"}],"policyVersion":1}""")}))
    @APIResponse(responseCode = "404", description = "No such credit line")
    @APIResponse(responseCode = "422", description = "Refused before any decision (e.g. another request is pending)")
    public Uni<Response> request(@PathParam("id") String id, @Valid CommandRequests.IncreaseRequest body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key, @Context HttpHeaders headers) {
        Locale language = ReasonTexts.language(headers);
        CommandRequests.IncreaseRequest request = body == null ? new CommandRequests.IncreaseRequest(null) : body;
        String requestId = "IR-" + UUID.randomUUID();
        return commands.run(caller, "POST", "/api/credit-lines/" + id + "/increase-requests", id, ifMatch, key, request,
                at -> new CreditLineCommand.RequestLimitIncrease(requestId, request.requestedLimit(), caller.channel(),
                        caller.actor(), at),
                (snapshot, response) -> response
                        .header(HttpHeaders.LOCATION, "/api/credit-lines/" + id + "/decisions/" + requestId)
                        .entity(IncreaseDecisionView.of(id, decided(snapshot), CreditLineView.of(snapshot), language)),
                Response.Status.CREATED);
    }

    @POST
    @Path("/increase-requests/{requestId}/reviews")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    @Operation(operationId = "reviewIncreaseRequest",
            summary = "Review a referred request: level 1 by a risk officer, level 2 by a senior risk officer; "
            + "nobody reviews twice or reviews a request they made",
            description = "Level 1 needs the risk-officer role, level 2 the senior-risk-officer role. The answer's"
                    + " reasonTexts give the review's reasons (a decline) in the language Accept-Language prefers."
                    + " Roles: risk-officer, senior-risk-officer.")
    @APIResponse(responseCode = "200", description = "Reviewed; where the request stands now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "404", description = "No such credit line")
    @APIResponse(responseCode = "403", description = "The caller's role may not review at that level")
    @APIResponse(responseCode = "422", description = "Refused: not pending, wrong level, same reviewer, the requester, "
            + "or a rule the approval breaks (e.g. ABOVE_INCREASE_BAND: above the policy's maximum increase without "
            + "level 2 and an override reason; ABOVE_AFFORDABILITY and ABOVE_BORROWER_MAX no reason can pass)")
    public Uni<Response> review(@PathParam("id") String id,
                                @PathParam("requestId") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requestId,
                                @Valid @NotNull CommandRequests.Review body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key, @Context HttpHeaders headers) {
        Locale language = ReasonTexts.language(headers);
        caller.requireReviewer(body.level());
        return commands.run(caller, "POST", "/api/credit-lines/" + id + "/increase-requests/" + requestId + "/reviews",
                id, ifMatch, key, body,
                at -> new CreditLineCommand.ReviewIncrease(requestId, caller.actor(), body.level(), body.outcome(),
                        body.approvedLimit(), body.comment(), body.overrideReason(), at),
                (snapshot, response) -> response.entity(ReviewView.of(
                        snapshot.appended(IncreaseReviewed.class).orElseThrow(), CreditLineView.of(snapshot), language)),
                Response.Status.OK);
    }

    @GET
    @Path("/decisions")
    @RolesAllowed({Roles.CHANNEL, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listIncreaseDecisions",
            summary = "Every limit-increase decision on the line with its full explanation and reviews",
            description = "Each entry's reasonTexts give the decision's reasons, and reviewReasonTexts the last review's,"
                    + " with the customer's text in the language Accept-Language prefers (zh-CN by default, en when"
                    + " asked). Roles: channel, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "Every decision on the line, oldest first")
    @APIResponse(responseCode = "404", description = "No such credit line")
    public Uni<List<DecisionRecord>> decisions(@PathParam("id") String id, @Context HttpHeaders headers) {
        Locale language = ReasonTexts.language(headers);
        return service.domainEvents(id).map(events -> DecisionRecord.from(events, language));
    }

    @GET
    @Path("/decisions/{requestId}")
    @RolesAllowed({Roles.CHANNEL, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "getIncreaseDecision",
            summary = "One decision with its full explanation and reviews",
            description = "reasonTexts and reviewReasonTexts as in listIncreaseDecisions, by Accept-Language."
                    + " Roles: channel, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "The decision with its explanation and reviews",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionRecord.class)))
    @APIResponse(responseCode = "404", description = "No such line or request")
    public Uni<DecisionRecord> decision(@PathParam("id") String id, @PathParam("requestId") String requestId,
                                        @Context HttpHeaders headers) {
        return decisions(id, headers).map(all -> all.stream().filter(d -> d.requestId().equals(requestId)).findFirst()
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no request " + requestId)));
    }

    private static IncreaseDecided decided(CreditLineSnapshot snapshot) {
        return snapshot.appended(IncreaseDecided.class)
                .orElseThrow(() -> new IllegalStateException("an increase request appended no decision"));
    }
}
