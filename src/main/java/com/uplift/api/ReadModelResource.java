package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.policy.LimitDecreases;
import com.uplift.readmodel.CreditLinesProjection;
import com.uplift.readmodel.DecreaseDecisionsProjection;
import com.uplift.readmodel.IncreaseDecisionsProjection;
import com.uplift.readmodel.ReadModelQueries;
import com.uplift.readmodel.WarningsProjection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Duration;
import java.util.List;

/** Cross-line queries served by the read models: warnings, the review queue, the portfolio. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Portfolio and queues", description = "Cross-line views from the read models: warnings, the review queue, the portfolio")
public class ReadModelResource {

    private final ReadModelQueries queries;
    private final ReadYourWrites readYourWrites;
    private final PolicyCatalog policies;

    public ReadModelResource(ReadModelQueries queries, ReadYourWrites readYourWrites, PolicyCatalog policies) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.policies = policies;
    }

    @GET
    @Path("/warnings")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listWarnings",
            summary = "Early-warning flags across lines, newest first: filter by severity, active, line",
            description = "Roles: risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "A page of warnings; with minPosition, X-Projection-Caught-Up says whether it was reached",
            headers = @Header(name = ReadYourWrites.CAUGHT_UP, schema = @Schema(type = SchemaType.BOOLEAN)))
    public Uni<RestResponse<ReadModelQueries.PageOf<ReadModelQueries.WarningItem>>> warnings(@QueryParam("severity") @Pattern(regexp = "WATCH|WARNING|SEVERE") String severity,
                                  @QueryParam("active") Boolean active,
                                  @Parameter(description = "only this credit line's warnings") @QueryParam("creditLineId") String creditLineId,
                                  @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size,
                                  @HeaderParam(ReadYourWrites.HEADER) String minPositionHeader,
                                  @Parameter(description = ReadYourWrites.MIN_POSITION) @QueryParam("minPosition") String minPosition) {
        return readYourWrites.query(WarningsProjection.NAME, minPositionHeader, minPosition,
                () -> queries.warnings(severity, active, creditLineId, page, size));
    }

    @GET
    @Path("/review-queue")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    @Operation(operationId = "listReviewQueue",
            summary = "Referrals awaiting review, oldest first: increase requests with their explanation, and limit decreases",
            description = "Find a referral here at the level due next. kind INCREASE: its requestId and creditLineId name the review to post"
                    + " (reviewIncreaseRequest). kind DECREASE: its decreaseId and creditLineId name the decrease review to post"
                    + " (reviewLimitDecrease). Roles: risk-officer, senior-risk-officer.")
    @APIResponse(responseCode = "200", description = "The queue, oldest first; with minPosition, X-Projection-Caught-Up says whether it was reached",
            headers = @Header(name = ReadYourWrites.CAUGHT_UP, schema = @Schema(type = SchemaType.BOOLEAN)))
    public Uni<RestResponse<List<ReadModelQueries.QueueItem>>> reviewQueue(
            @Parameter(description = "only referrals awaiting this review level (1 or 2)") @QueryParam("level") @Min(1) @Max(2) Integer level,
            @HeaderParam(ReadYourWrites.HEADER) String minPositionHeader,
            @Parameter(description = ReadYourWrites.MIN_POSITION) @QueryParam("minPosition") String minPosition) {
        // the line view too: a decrease shows its line's grade and score from it
        return readYourWrites.query(List.of(IncreaseDecisionsProjection.NAME, DecreaseDecisionsProjection.NAME,
                        CreditLinesProjection.NAME),
                minPositionHeader, minPosition, () -> queries.reviewQueue(level).map(this::withReviewDeadlines));
    }

    /**
     * A referred decrease's SLA: the referral's time plus the review window of the policy in force for its line (the
     * policy the re-evaluation will apply it under), when that policy sets one.
     */
    private List<ReadModelQueries.QueueItem> withReviewDeadlines(List<ReadModelQueries.QueueItem> items) {
        PolicyBook book = policies.known().book();
        return items.stream().map(item -> !ReadModelQueries.QueueItem.DECREASE.equals(item.kind()) ? item
                : PolicyCatalog.forLine(book, item.creditLineId()).rules().decreases()
                .flatMap(LimitDecreases::referralExpiry)
                .map(expiry -> item.withReviewDueBy(item.referredAt().plus(Duration.ofDays(expiry.afterDays()))))
                .orElse(item)).toList();
    }

    @GET
    @Path("/portfolio/summary")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getPortfolioSummary",
            summary = "Lines and exposure by grade and segment, increase decision rates, and the overdue rate "
            + "(30+ days past due) against the configured industry benchmark, also per policy group",
            description = "Roles: risk-officer, senior-risk-officer, auditor, admin.")
    public Uni<ReadModelQueries.PortfolioSummary> portfolio() {
        return queries.portfolio();
    }
}
