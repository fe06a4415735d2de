package com.uplift.api.console;

import com.uplift.api.OfferListResource;
import com.uplift.api.OfferScanResource;
import com.uplift.api.Problem;
import com.uplift.api.console.ConsoleOffersViews.OfferRow;
import com.uplift.api.console.ConsoleOffersViews.OffersPage;
import com.uplift.api.console.ConsoleOffersViews.ScanRow;
import com.uplift.api.console.ConsoleOperationsViews.Option;
import com.uplift.api.security.Roles;
import com.uplift.application.OfferScans;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.creditline.OfferStatus;
import com.uplift.domain.policy.Policy;
import com.uplift.readmodel.OfferQueries.OfferItem;
import com.uplift.readmodel.ReadModelQueries.PageOf;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The console's increase list (提额名单): the offers as operations lists them, read through the API's own
 * {@link OfferListResource} (the offers read model), and for an admin the offer scan runs, started and followed
 * through {@link OfferScanResource}, so the page has the API's roles and answers.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleOffersResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance offers(OffersPage page);
    }

    /** Offers shown at most (the API's largest page); the count above the table is over every match. */
    static final int SHOWN = 500;
    private static final Pattern GRADE = Pattern.compile("[A-Z]");

    private final OfferListResource offers;
    private final OfferScanResource scans;
    private final PolicyCatalog policies;
    private final ConsoleFrame frame;

    public ConsoleOffersResource(OfferListResource offers, OfferScanResource scans, PolicyCatalog policies,
                                 ConsoleFrame frame) {
        this.offers = offers;
        this.scans = scans;
        this.policies = policies;
        this.frame = frame;
    }

    @GET
    @Path("/offers")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    public Uni<Response> offers(@QueryParam("status") String status, @QueryParam("segment") String segment,
                                @QueryParam("grade") String grade, @QueryParam("scan") String startedScan) {
        return page(status, segment, grade, startedScan, null, Response.Status.OK.getStatusCode());
    }

    /** Starts a scan as the API's admin would; the page then follows the run until it completes. */
    @POST
    @Path("/offers/scan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> startScan() {
        return ConsoleResource.throughApi(scans::start,
                problem -> page(null, null, null, null, problem, problem.status()),
                started -> "/console/offers?scan=" + ((OfferScans.Run) started.getEntity()).id());
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return frame.signInFirst();
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return frame.notForYourRole();
    }

    private Uni<Response> page(String status, String segment, String grade, String startedScan, Problem refusal,
                               int httpStatus) {
        OfferStatus chosen = Arrays.stream(OfferStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
        String segmentCode = ConsoleOperationsResource.code(segment);
        String gradeCode = grade != null && GRADE.matcher(grade).matches() ? grade : null;
        Uni<PageOf<OfferItem>> list = offers.offers(chosen == null ? null : chosen.name(), segmentCode, gradeCode, 0, SHOWN);
        Uni<List<OfferScans.Run>> runs = frame.showsOfferScans() ? scans.recent() : Uni.createFrom().item(List.of());
        return Uni.combine().all().unis(list, runs, policies.book()).asTuple().map(all -> {
            Policy policy = ConsoleOperationsResource.inForce(all.getItem3());
            ConsoleMessages words = frame.words();
            List<Option> statuses = new ArrayList<>();
            statuses.add(new Option("", words.anyValue(), chosen == null));
            Arrays.stream(OfferStatus.values()).forEach(s -> statuses.add(new Option(s.name(), s.name(), s == chosen)));
            List<OfferRow> rows = all.getItem1().items().stream().map(this::offerRow).toList();
            List<ScanRow> scanRows = all.getItem2().stream().map(r -> scanRow(r, startedScan)).toList();
            OffersPage page = new OffersPage(frame.chrome(), statuses,
                    ConsoleOperationsResource.options(words, ConsoleOperationsResource.segmentCodes(policy), segmentCode),
                    ConsoleOperationsResource.options(words, ConsoleOperationsResource.gradeCodes(policy), gradeCode),
                    rows, all.getItem1().total(), chosen != null || segmentCode != null || gradeCode != null,
                    frame.showsOfferScans() ? scanRows : null,
                    scanRows.stream().anyMatch(r -> "RUNNING".equals(r.status())), frame.startsOfferScans(),
                    startedScan, refusal);
            return Response.status(httpStatus).entity(frame.page(Templates.offers(page))).build();
        });
    }

    private OfferRow offerRow(OfferItem o) {
        return new OfferRow(o.offerId(), o.status(), o.creditLineId(), "/console/line?id=" + o.creditLineId(),
                orDash(o.segment()), orDash(o.grade()), frame.money(o.oldLimit()), frame.money(o.offeredLimit()),
                orDash(o.businessDate()), orDash(o.expiresOn()),
                String.join(", ", o.status().equals(OfferStatus.WITHDRAWN.name()) && o.withdrawalReasons() != null && !o.withdrawalReasons().isEmpty()
                        ? o.withdrawalReasons() : o.reasons()));
    }

    private ScanRow scanRow(OfferScans.Run r, String startedScan) {
        return new ScanRow(r.id(), r.trigger(), r.requestedBy(), orDash(r.businessDate()), r.status(), r.linesScanned(),
                r.offered(), r.withdrawn(), r.unchanged(), r.failed(), frame.seconds(r.startedAt()),
                r.finishedAt() == null ? "–" : frame.seconds(r.finishedAt()), r.id().equals(startedScan));
    }

    private static String orDash(Object value) {
        return value == null ? "–" : value.toString();
    }
}
