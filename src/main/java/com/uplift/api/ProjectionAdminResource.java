package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.readmodel.ProjectionAdmin;
import com.uplift.readmodel.ProjectionRunner;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Operating the projections: state, lag and throughput; blue/green rebuild; restarting a stopped one. */
@Path("/api/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operating the service: projections and scheduled re-evaluation")
@RolesAllowed(Roles.ADMIN)
public class ProjectionAdminResource {

    private final ProjectionAdmin admin;
    private final ProjectionRunner runner;
    private final Caller caller;

    public ProjectionAdminResource(ProjectionAdmin admin, ProjectionRunner runner, Caller caller) {
        this.admin = admin;
        this.runner = runner;
        this.caller = caller;
    }

    public record Restart(@NotNull Boolean skipFailedEvent, @NotBlank @Size(max = 1000) String reason) {
    }

    @GET
    @Operation(operationId = "listProjections",
            summary = "Each projection's state, position, lag (events and seconds), throughput and error",
            description = "Roles: admin.")
    public Uni<List<ProjectionAdmin.Status>> list() {
        return admin.status();
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(operationId = "rebuildProjection",
            summary = "Rebuild from position 0 beside the live read model, switching over once caught up",
            description = "Roles: admin.")
    @APIResponse(responseCode = "202", description = "Rebuild started; follow it on GET /api/admin/projections",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildStarted.class)))
    @APIResponse(responseCode = "404", description = "No such projection")
    @APIResponse(responseCode = "409", description = "Already rebuilding")
    public Uni<Response> rebuild(@PathParam("name") String name) {
        known(name);
        return admin.rebuild(name)
                .map(generation -> Response.accepted(new RebuildStarted(name, generation)).build())
                .onFailure(IllegalStateException.class)
                .recoverWithItem(e -> Problem.of(ProblemType.CONFLICT, e.getMessage()).toResponse());
    }

    public record RebuildStarted(String projection, int generation) {
    }

    @POST
    @Path("/{name}/restart")
    @Operation(operationId = "restartProjection",
            summary = "Restart a projection stopped by a failing event; skipping that event is explicit and recorded",
            description = "Roles: admin.")
    @APIResponse(responseCode = "204", description = "Restarted")
    @APIResponse(responseCode = "404", description = "No such projection")
    @APIResponse(responseCode = "409", description = "The projection is not stopped")
    public Uni<Response> restart(@PathParam("name") String name, @Valid @NotNull Restart restart) {
        known(name);
        return admin.restart(name, restart.skipFailedEvent(), restart.reason(), caller.actor())
                .map(ignored -> Response.noContent().build())
                .onFailure(IllegalStateException.class)
                .recoverWithItem(e -> Problem.of(ProblemType.CONFLICT, e.getMessage()).toResponse());
    }

    private void known(String name) {
        if (!runner.exists(name)) {
            throw new NotFoundException("no projection " + name);
        }
    }
}
