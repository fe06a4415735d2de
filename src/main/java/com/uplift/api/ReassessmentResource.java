package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.Reassessment;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the scheduled re-evaluation of every line now (e.g. after a servicing outage). */
@Path("/api/admin/reassessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Operating the service: projections and scheduled re-evaluation")
public class ReassessmentResource {

    private final Reassessment reassessment;

    public ReassessmentResource(Reassessment reassessment) {
        this.reassessment = reassessment;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "reassessAllLines",
            summary = "Re-evaluate every line as of now: flags, score and grade that depend on the date alone",
            description = "Roles: admin.")
    public Uni<Reassessment.Result> run() {
        return reassessment.run();
    }
}
