package com.uplift.api.console;

import com.uplift.api.PolicyResource;
import com.uplift.api.ScorecardResource;
import com.uplift.api.console.GovernanceViews.DevelopmentRow;
import com.uplift.api.console.GovernanceViews.DiscriminationRow;
import com.uplift.api.console.GovernanceViews.Exclusion;
import com.uplift.api.console.GovernanceViews.ScorecardPage;
import com.uplift.api.console.GovernanceViews.ScorecardsPage;
import com.uplift.audit.scorecard.DevelopmentReport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The console's scorecard development pages: the recorded developments with their headline figures, and one
 * development's validation report as tables (sample and exclusions, discrimination against the hand-set card,
 * calibration, PSI and CSI, the fitted points per characteristic and bin), linked to the policy version it proposed,
 * where that version is diffed, simulated and approved. Every read is {@link ScorecardResource}'s and
 * {@link PolicyResource}'s own method, so their roles refuse here as over the API.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ConsoleScorecardResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance scorecards(ScorecardsPage page);

        static native TemplateInstance scorecard(ScorecardPage page);
    }

    private final ScorecardResource scorecards;
    private final PolicyResource policies;
    private final ConsoleReader reader;

    public ConsoleScorecardResource(ScorecardResource scorecards, PolicyResource policies, ConsoleReader reader) {
        this.scorecards = scorecards;
        this.policies = policies;
        this.reader = reader;
    }

    @GET
    @Path("/scorecards")
    public Uni<TemplateInstance> list() {
        return scorecards.list().flatMap(list -> list.developmentIds().isEmpty()
                ? Uni.createFrom().item(List.<DevelopmentReport>of())
                : Uni.join().all(list.developmentIds().stream().map(scorecards::get).toList()).andFailFast())
                .map(reports -> reader.page(Templates.scorecards(new ScorecardsPage(reader.chrome(), reports.stream()
                        // newest first, as the policies page lists versions
                        .sorted(Comparator.comparingInt(DevelopmentReport::proposedPolicyVersion).reversed())
                        .map(ConsoleScorecardResource::row).toList()))));
    }

    @GET
    @Path("/scorecard")
    public Uni<Response> development(@QueryParam("id") String id) {
        return scorecards.get(id).flatMap(report -> policies.get(report.proposedPolicyVersion())
                        .map(proposal -> Response.ok(reader.page(Templates.scorecard(page(report, proposal)))).build()))
                .onFailure(failure -> failure instanceof NotFoundException || failure instanceof ConstraintViolationException)
                .recoverWithItem(() -> reader.message("developmentNotFound", 404));
    }

    private ScorecardPage page(DevelopmentReport report, PolicyResource.PolicyDetail proposal) {
        DevelopmentReport.Validation v = report.validation();
        return new ScorecardPage(reader.chrome(), report,
                report.sample().excluded().entrySet().stream().map(e -> new Exclusion(e.getKey(), e.getValue())).toList(),
                List.of(new DiscriminationRow("TRAIN", v.train()), new DiscriminationRow("HOLDOUT", v.holdout()),
                        new DiscriminationRow("HAND_SET_HOLDOUT", v.currentCardOnHoldout())),
                GovernancePages.policyRow(proposal.summary(), null));
    }

    private static DevelopmentRow row(DevelopmentReport r) {
        DevelopmentReport.Validation v = r.validation();
        return new DevelopmentRow(r.developmentId(), r.asOf().toString(), r.developedBy(), r.basePolicyVersion(),
                r.proposedPolicyVersion(), r.sample().observations(), text(v.holdout().auc()),
                text(v.currentCardOnHoldout().auc()), text(v.population().psi()), v.population().verdict());
    }

    private static String text(BigDecimal value) {
        return Objects.toString(value == null ? null : value.stripTrailingZeros().toPlainString(), "–");
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return ConsoleReader.signInFirst();
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return reader.forbidden();
    }
}
