package com.uplift.servicingfeed;

import com.uplift.api.Problem;
import com.uplift.api.ProblemType;
import com.uplift.api.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Operators' view of the servicing facts from Kafka that could not be recorded, and their replay. */
@Path("/api/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operating the service: projections and scheduled re-evaluation")
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final DeadLetterReplays replays;

    public DeadLetterResource(DeadLetters deadLetters, DeadLetterReplays replays) {
        this.deadLetters = deadLetters;
        this.replays = replays;
    }

    @Schema(description = "A page of dead letters, oldest first; nextAfterId continues it (null on the last page)")
    public record DeadLetterPage(List<DeadLetters.DeadLetter> items, Long nextAfterId) {
    }

    @GET
    @Operation(operationId = "listDeadLetters",
            summary = "Servicing facts from Kafka that could not be recorded: the record, the reason and the problem",
            description = "Each is also on the dead-letter topic (uplift.servicing-facts.dlq). Reasons: MALFORMED (could "
                    + "not be read: the problem a REST call with that body would get), REFUSED (unknown line, a business "
                    + "rule), FAILED (an unexpected failure). A replayed letter shows when and with what status. Roles: admin.")
    @APIResponse(responseCode = "200", description = "A page of dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterPage.class)))
    public Uni<DeadLetterPage> list(@QueryParam("afterId") @DefaultValue("0") @Min(0) long afterId,
                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return deadLetters.list(afterId, limit + 1).map(letters -> new DeadLetterPage(
                letters.stream().limit(limit).toList(), letters.size() > limit ? letters.get(limit - 1).id() : null));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter", description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "The dead letter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetters.DeadLetter.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public Uni<Response> get(@PathParam("id") long id) {
        return deadLetters.find(id).map(found -> found.map(letter -> Response.ok(letter).build()).orElseGet(() -> noSuchLetter(id)));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(operationId = "replayDeadLetter",
            summary = "Re-submit a dead letter through the path its message took; replaying twice records it once",
            description = "The fact is read and recorded as the message would be (same validation, rules and metadata: "
                    + "actor = the message's source, channel STREAM), under the key <messageId>:replay-<n>. Recorded: "
                    + "the letter is marked replayed, and a further replay appends nothing. Refused again: the answer "
                    + "is 200 with recorded=false and the problem, and the next replay is a new attempt. Roles: admin.")
    @APIResponse(responseCode = "200", description = "What the replay came to",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterReplays.Replay.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "503", description = "The database is unavailable; nothing was recorded")
    public Uni<Response> replay(@PathParam("id") long id) {
        return replays.replay(id).map(done -> done.map(replay -> Response.ok(replay).build()).orElseGet(() -> noSuchLetter(id)));
    }

    private static Response noSuchLetter(long id) {
        return Problem.of(ProblemType.NOT_FOUND, "no dead letter " + id).toResponse();
    }
}
