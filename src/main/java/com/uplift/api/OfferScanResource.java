package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.OfferScans;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Runs the offer scan (提额名单) now, and follows a run's progress. */
@Path("/api/admin/offer-scans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operating the service: projections and scheduled re-evaluation")
public class OfferScanResource {

    private final OfferScans scans;
    private final Caller caller;

    public OfferScanResource(OfferScans scans, Caller caller) {
        this.scans = scans;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "startOfferScan",
            summary = "Scan every line for increase offers now, under the policy in force; follow the run at Location",
            description = "The scan runs in the background, batch by batch, a line at a time through the line's own"
                    + " command queue (commands are never held behind it), resumable after a restart from its"
                    + " checkpoint. Roles: admin.")
    @APIResponse(responseCode = "202", description = "Started; Location is the run's progress",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/admin/offer-scans/{runId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferScans.Run.class),
                    examples = @ExampleObject(name = "started", value = """
                            {"id":"SCAN-2c1e...","trigger":"ADMIN","requestedBy":"admin","businessDate":"2026-11-30",
                             "status":"RUNNING","checkpoint":"","linesScanned":0,"offered":0,"withdrawn":0,"unchanged":0,"failed":0}""")))
    public Uni<Response> start() {
        return scans.start(caller.actor(), "ADMIN").map(run -> Response.accepted(run)
                .header(HttpHeaders.LOCATION, "/api/admin/offer-scans/" + run.id()).build());
    }

    @GET
    @Path("/{runId}")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "getOfferScan",
            summary = "A scan run's progress: lines scanned, offered, withdrawn, unchanged, failed; COMPLETED at the end",
            description = "Roles: admin, auditor.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferScans.Run.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<OfferScans.Run> run(@PathParam("runId") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String runId) {
        return scans.find(runId).map(run -> run.orElseThrow(() -> new NotFoundException("no offer scan " + runId)));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(operationId = "listOfferScans", summary = "The latest 20 scan runs, newest first",
            description = "Roles: admin, auditor.")
    @APIResponse(responseCode = "200", description = "The runs")
    public Uni<List<OfferScans.Run>> recent() {
        return scans.recent(20);
    }
}
