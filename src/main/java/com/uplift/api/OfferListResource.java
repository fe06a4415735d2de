package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.domain.creditline.OfferStatus;
import com.uplift.readmodel.OfferQueries;
import com.uplift.readmodel.ReadModelQueries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 提额名单: every offer of the increase list, for operations (from the offers read model). */
@Path("/api/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Increase offers", description = "提额名单: increases offered by the scan, read and accepted by the channels")
public class OfferListResource {

    private final OfferQueries queries;

    public OfferListResource(OfferQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({Roles.OPERATIONS, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listOffers",
            summary = "Every offer of the increase list, newest first: filter by status, segment and grade",
            description = "From the offers read model (it follows the event log within a second or so). Roles:"
                    + " operations, risk-officer, senior-risk-officer, auditor, admin.")
    @APIResponse(responseCode = "200", description = "A page of offers")
    @APIResponse(responseCode = "400", description = "An unknown status or parameter")
    public Uni<ReadModelQueries.PageOf<OfferQueries.OfferItem>> offers(
            @Parameter(description = "LIVE, EXPIRED, WITHDRAWN or ACCEPTED") @QueryParam("status")
            @Pattern(regexp = "LIVE|EXPIRED|WITHDRAWN|ACCEPTED") String status,
            @QueryParam("segment") @Pattern(regexp = "[A-Z0-9_]{1,32}") String segment,
            @QueryParam("grade") @Pattern(regexp = "[A-Z]") String grade,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return queries.offers(status == null ? null : OfferStatus.valueOf(status), segment, grade, page, size);
    }
}
