package com.uplift.api;

import com.uplift.api.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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

/**
 * Facts from the servicing systems (operations role). Each appends the fact and whatever it triggers (re-assessment,
 * pricing tier change, warnings) and answers with the resulting state; ETag carries the new stream version.
 */
@Path("/api/credit-lines/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Servicing facts", description = "Facts from the servicing systems; each re-assesses the line and answers with its new state")
@RolesAllowed(Roles.OPERATIONS)
@APIResponse(responseCode = "200", description = "Recorded; the body is the line's new state, ETag its version",
        headers = @Header(name = HttpHeaders.ETAG, description = "the stream version, quoted", schema = @Schema(type = SchemaType.STRING)),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditLineView.class)))
@APIResponse(responseCode = "400", description = "Invalid body")
@APIResponse(responseCode = "404", description = "No such credit line")
@APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
@APIResponse(responseCode = "422", description = "Refused by a business rule (the problem names the rule and reasons)")
@APIResponse(responseCode = "503", description = "The line is busy: its queue of commands is full or this command did not "
        + "get its turn in time (problem line-busy, Retry-After); nothing was recorded")
public class ServicingResource {

    private final CommandRunner commands;
    private final Caller caller;

    public ServicingResource(CommandRunner commands, Caller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @Path("/drawdowns")
    @Operation(operationId = "recordDrawdown",
            summary = "Record a drawdown; refused above available credit or while drawdowns are frozen",
            description = "Roles: operations.")
    public Uni<Response> drawdown(@PathParam("id") String id, @Valid @NotNull CommandRequests.Drawdown body,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "drawdowns", ifMatch, key, body);
    }

    @POST
    @Path("/repayments")
    @Operation(operationId = "recordRepayment",
            summary = "Record a repayment, on time or late; one that clears arrears cures them",
            description = "Roles: operations.")
    public Uni<Response> repayment(@PathParam("id") String id, @Valid @NotNull CommandRequests.Repayment body,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "repayments", ifMatch, key, body);
    }

    @POST
    @Path("/missed-payments")
    @Operation(operationId = "recordMissedPayment",
            summary = "Record an instalment that was not paid",
            description = "Roles: operations.")
    public Uni<Response> missedPayment(@PathParam("id") String id, @Valid @NotNull CommandRequests.MissedPayment body,
                                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "missed-payments", ifMatch, key, body);
    }

    @POST
    @Path("/delinquency-reports")
    @Operation(operationId = "reportDelinquency",
            summary = "Report days past due from the servicing system (0 = current again)",
            description = "Roles: operations.")
    public Uni<Response> delinquency(@PathParam("id") String id, @Valid @NotNull CommandRequests.DelinquencyReport body,
                                     @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "delinquency-reports", ifMatch, key, body);
    }

    @POST
    @Path("/income-verifications")
    @Operation(operationId = "recordIncomeVerification",
            summary = "Record a verified monthly income (salary slip, bank statement, tax record)",
            description = "Roles: operations.")
    public Uni<Response> income(@PathParam("id") String id, @Valid @NotNull CommandRequests.IncomeVerification body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "income-verifications", ifMatch, key, body);
    }

    @POST
    @Path("/asset-changes")
    @Operation(operationId = "reportAssetChange",
            summary = "Record an asset acquired or disposed of (property, vehicle, deposit, other)",
            description = "Roles: operations.")
    public Uni<Response> assetChange(@PathParam("id") String id, @Valid @NotNull CommandRequests.AssetChange body,
                                     @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "asset-changes", ifMatch, key, body);
    }

    @POST
    @Path("/bureau-reports")
    @Operation(operationId = "attachBureauReport",
            summary = "Attach a credit-bureau report; a negative record is a knock-out",
            description = "Roles: operations.")
    public Uni<Response> bureauReport(@PathParam("id") String id, @Valid @NotNull CommandRequests.BureauReport body,
                                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                      @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "bureau-reports", ifMatch, key, body);
    }

    @POST
    @Path("/service-notes")
    @Operation(operationId = "recordServiceNote",
            summary = "Record a customer-service note; risk signals are extracted from its text",
            description = "Roles: operations.")
    public Uni<Response> serviceNote(@PathParam("id") String id, @Valid @NotNull CommandRequests.ServiceNote body,
                                     @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "service-notes", ifMatch, key, body);
    }

    @POST
    @Path("/write-offs")
    @Operation(operationId = "recordWriteOff",
            summary = "Record the line's write-off (charge-off): a bad record for good, and the line lends no more",
            description = "A written-off line refuses drawdowns (LINE_WRITTEN_OFF), is declined every increase with the "
                    + "knock-out OWN_BOOK_BAD_RECORD (unless the policy's ownBookKnockout.anyWriteOff is false), and a "
                    + "referral pending on it cannot be approved. A line is written off once (ALREADY_WRITTEN_OFF). "
                    + "Roles: operations.")
    public Uni<Response> writeOff(@PathParam("id") String id, @Valid @NotNull CommandRequests.WriteOff body,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return record(id, "write-offs", ifMatch, key, body);
    }

    private Uni<Response> record(String id, String what, String ifMatch, String key, CommandRequests.ServicingFact body) {
        return commands.run(caller, "POST", "/api/credit-lines/" + id + "/" + what, id, ifMatch, key, body,
                at -> body.command(at, caller.channel()),
                (snapshot, response) -> response.entity(CreditLineView.of(snapshot)), Response.Status.OK);
    }
}
