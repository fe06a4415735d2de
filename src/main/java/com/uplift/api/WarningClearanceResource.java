package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A senior risk officer clears a warning flag that a note raised (e.g. a fraud freeze the fraud team disproved). */
@Path("/api/credit-lines/{id}/warnings/{flag}/clearance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Warnings", description = "Clearing a note's warning flag by hand (four eyes)")
public class WarningClearanceResource {

    private final CommandRunner commands;
    private final Caller caller;

    public WarningClearanceResource(CommandRunner commands, Caller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SENIOR_RISK_OFFICER)
    @Operation(operationId = "clearWarning",
            summary = "Clear an active warning flag raised by a service note, with a reason and a comment",
            description = "Only a flag raised by a note signal (NOTE_...) can be cleared by hand; the others clear"
                    + " themselves when their condition ends. Whoever raised the flag (the caller whose command raised"
                    + " it, e.g. who recorded the note) cannot clear it. The flag's signal stops counting for every note"
                    + " recorded so far; a later note with it raises the flag again. Drawdowns are unfrozen only when no"
                    + " other SEVERE flag is active. Accepts Idempotency-Key and If-Match like every command."
                    + " Roles: senior-risk-officer.")
    @APIResponse(responseCode = "200", description = "Cleared; the clearance as recorded and the line's new state, ETag its version",
            headers = @Header(name = HttpHeaders.ETAG, description = "the stream version, quoted", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarningClearanceView.class),
                    examples = @ExampleObject(name = "a fraud freeze disproved", value = """
                            {"flag":"NOTE_FRAUD_SUSPICION","severity":"SEVERE","signal":"FRAUD_SUSPICION","reason":"NOTE_DISPROVED",
                             "comment":"fraud team checked the account","clearedBy":"senior1","raisedBy":"ops","stillFrozenBy":[],
                             "explanation":"NOTE_FRAUD_SUSPICION (raised by ops) cleared by senior1 for NOTE_DISPROVED; ...; drawdowns unfrozen: no other SEVERE flag is active",
                             "creditLine":{"status":"OPEN","activeWarnings":[]}}""")))
    @APIResponse(responseCode = "400", description = "Invalid body (reason outside the closed set, comment missing or too long)")
    @APIResponse(responseCode = "403", description = "The caller is not a senior risk officer")
    @APIResponse(responseCode = "404", description = "No such credit line")
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @APIResponse(responseCode = "422", description = "Refused, the problem's code names the rule: WARNING_NOT_ACTIVE (the flag"
            + " is not active), WARNING_NOT_CLEARABLE (not raised by a note: it clears itself), SELF_CLEARANCE (the caller"
            + " raised the flag: four eyes)")
    public Uni<Response> clear(@PathParam("id") String id,
                               @PathParam("flag") @Pattern(regexp = "[A-Z0-9_]{1,64}") String flag,
                               @Valid @NotNull CommandRequests.WarningClearance body,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.run(caller, "POST", "/api/credit-lines/" + id + "/warnings/" + flag + "/clearance", id, ifMatch,
                key, body, at -> new CreditLineCommand.ClearWarning(flag, body.reason(), body.comment(), caller.actor(),
                        null, at),
                (snapshot, response) -> response.entity(WarningClearanceView.of(
                        snapshot.appended(WarningClearedByOfficer.class).orElseThrow(), CreditLineView.of(snapshot))),
                Response.Status.OK);
    }
}
