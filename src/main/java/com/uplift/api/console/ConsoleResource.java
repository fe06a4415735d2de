package com.uplift.api.console;

import com.uplift.api.CommandRequests;
import com.uplift.api.CreditLineResource;
import com.uplift.api.CreditLineView;
import com.uplift.api.DecisionRecord;
import com.uplift.api.DecreaseRecord;
import com.uplift.api.DecreaseResource;
import com.uplift.api.EventPage;
import com.uplift.api.IncreaseResource;
import com.uplift.api.Problem;
import com.uplift.api.ProblemMappers;
import com.uplift.api.ReadModelResource;
import com.uplift.api.console.ConsoleViews.CasePage;
import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.ConsoleViews.HomePage;
import com.uplift.api.console.ConsoleViews.LinePage;
import com.uplift.api.console.ConsoleViews.LoginPage;
import com.uplift.api.console.ConsoleViews.MessagePage;
import com.uplift.api.console.ConsoleViews.QueuePage;
import com.uplift.api.security.Roles;
import com.uplift.application.CommandRejectedException;
import com.uplift.application.CreditLineNotFoundException;
import com.uplift.application.LineBusyException;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.eventstore.WrongExpectedVersionException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The risk console: server-rendered pages for risk officers and auditors at /console. Thin like the API's resources:
 * every read and every review goes through the API's own resources, so the same roles, rules and refusals apply (a
 * refusal is shown from the API's problem details). Sign-in is Quarkus form authentication for the demo users, or, in
 * production, OIDC's authorization-code flow when it is configured (application.properties; docs/security.md).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(LoginPage page);

        static native TemplateInstance home(HomePage page);

        static native TemplateInstance message(MessagePage page);

        static native TemplateInstance queue(QueuePage page);

        static native TemplateInstance review(CasePage page);

        static native TemplateInstance line(LinePage page);
    }

    private static final String[] REVIEWERS = {Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER};

    private final ReadModelResource readModels;
    private final CreditLineResource lines;
    private final IncreaseResource increases;
    private final DecreaseResource decreases;
    private final SecurityIdentity identity;
    private final ZoneId businessZone;

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uri;
    @Context
    jakarta.ws.rs.core.Request request;

    public ConsoleResource(ReadModelResource readModels, CreditLineResource lines, IncreaseResource increases,
                           DecreaseResource decreases, SecurityIdentity identity,
                           @ConfigProperty(name = "uplift.business-zone") ZoneId businessZone) {
        this.readModels = readModels;
        this.lines = lines;
        this.increases = increases;
        this.decreases = decreases;
        this.identity = identity;
        this.businessZone = businessZone;
    }

    @GET
    @Path("/login")
    @PermitAll
    public TemplateInstance login(@QueryParam("failed") boolean failed) {
        ConsoleLanguage language = language();
        return Templates.login(new LoginPage(failed, language.tag, here())).setLocale(language.locale);
    }

    @GET
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    public Response home(@QueryParam("lookup") boolean lookup) {
        if (isReviewer() && !lookup) {
            return Response.seeOther(URI.create("/console/queue")).build();
        }
        if (!isReviewer() && !identity.hasRole(Roles.AUDITOR)) {
            // an admin reads no credit lines: the policies are that role's work (ConsolePolicyResource)
            return Response.seeOther(URI.create("/console/policies")).build();
        }
        return Response.ok(page(Templates.home(new HomePage(chrome())))).build();
    }

    @GET
    @Path("/queue")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    public Uni<TemplateInstance> queue() {
        ConsolePages pages = pages();
        return readModels.reviewQueue(null, null, null)
                .map(answer -> page(Templates.queue(new QueuePage(chrome(),
                        answer.getEntity().stream().map(pages::queueRow).toList()))));
    }

    @GET
    @Path("/case")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    public Uni<Response> reviewCase(@QueryParam("line") String lineId, @QueryParam("request") String requestId,
                                    @QueryParam("reviewed") String reviewed) {
        String done = reviewed != null && List.of("PENDING", "APPROVED", "DECLINED").contains(reviewed) ? reviewed : null;
        return casePage(lineId, requestId, done, null, Response.Status.OK.getStatusCode());
    }

    @POST
    @Path("/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    public Uni<Response> review(@FormParam("line") String lineId, @FormParam("request") String requestId,
                                @FormParam("level") Integer level, @FormParam("outcome") String outcome,
                                @FormParam("approvedLimit") String approvedLimit, @FormParam("comment") String comment,
                                @FormParam("overrideReason") String overrideReason) {
        CommandRequests.Review body;
        try {
            body = new CommandRequests.Review(level, outcomeOf(outcome), approvedLimitOf(outcome, approvedLimit), comment,
                    overrideReason == null || overrideReason.isBlank() ? null : OverrideReason.valueOf(overrideReason));
        } catch (IllegalArgumentException unreadable) {
            Problem problem = unreadableLimit();
            return casePage(lineId, requestId, null, problem, problem.status());
        }
        return throughApi(() -> increases.review(lineId, requestId, body, null, null, headers),
                problem -> casePage(lineId, requestId, null, problem, problem.status()),
                done -> ConsolePages.caseUrl(lineId, requestId) + "&reviewed=" + statusAfter(done));
    }

    @GET
    @Path("/line")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    public Uni<Response> line(@QueryParam("id") String lineId, @QueryParam("asOf") String asOfInput,
                              @QueryParam("decreaseReviewed") String decreaseReviewed) {
        if (lineId == null || lineId.isBlank()) {
            return Uni.createFrom().item(Response.seeOther(URI.create("/console")).build());
        }
        String done = decreaseReviewed != null && List.of("PENDING", "APPLIED", "DECLINED").contains(decreaseReviewed)
                ? decreaseReviewed : null;
        return linePage(lineId, asOfInput, done, null, Response.Status.OK.getStatusCode());
    }

    /**
     * Reviews a referred limit decrease from the line page through the API's own review (roles, levels, four eyes and
     * the drawn-balance floor are the API's); a refusal is shown on the line page from its problem details.
     */
    @POST
    @Path("/decrease-review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER})
    public Uni<Response> reviewDecrease(@FormParam("line") String lineId, @FormParam("decrease") String decreaseId,
                                        @FormParam("level") Integer level, @FormParam("outcome") String outcome,
                                        @FormParam("approvedLimit") String approvedLimit,
                                        @FormParam("comment") String comment) {
        if (lineId == null || lineId.isBlank()) {
            return Uni.createFrom().item(message("lineNotFound", 404));
        }
        CommandRequests.DecreaseReview body;
        try {
            body = new CommandRequests.DecreaseReview(level, outcomeOf(outcome), approvedLimitOf(outcome, approvedLimit),
                    comment);
        } catch (IllegalArgumentException unreadable) {
            Problem problem = unreadableLimit();
            return linePage(lineId, null, null, problem, problem.status());
        }
        return throughApi(() -> decreases.review(lineId, decreaseId, body, null, null),
                problem -> linePage(lineId, null, null, problem, problem.status()),
                done -> "/console/line?id=" + java.net.URLEncoder.encode(lineId, java.nio.charset.StandardCharsets.UTF_8)
                        + "&decreaseReviewed=" + decreaseStatusAfter(done) + "#decreases-title");
    }

    private Uni<Response> linePage(String lineId, String asOfInput, String decreaseReviewed, Problem refusal, int status) {
        Instant asOf = asOfInstant(asOfInput);
        ConsolePages pages = pages();
        String asOfText = asOf == null ? null : asOf.toString();
        Uni<CreditLineView> state = lines.get(lineId, asOfText, null)
                .map(answer -> (CreditLineView) answer.getEntity())
                .onFailure(CreditLineNotFoundException.class).recoverWithNull();
        Uni<EventPage> events = lines.events(lineId, 1, 1000);
        Uni<List<DecisionRecord>> decisions = increases.decisions(lineId, headers);
        Uni<List<DecreaseRecord>> decided = decreases.decreases(lineId, headers);
        return Uni.combine().all().unis(state, events, decisions, decided).asTuple()
                .map(all -> Response.status(status).entity(page(Templates.line(new LinePage(chrome(), lineId,
                        asOf == null ? "" : asOfInput, asOf == null ? null : pages.format().minutes(asOf),
                        all.getItem1() == null ? null : pages.line(all.getItem1()),
                        pages.events(all.getItem2().items(), asOf),
                        pages.decisions(lineId, all.getItem3(), isReviewer()),
                        pages.decreases(all.getItem4(), isReviewer()), decreaseReviewed, refusal)))).build())
                .onFailure(CreditLineNotFoundException.class).recoverWithItem(() -> message("lineNotFound", 404));
    }

    /** A review form's outcome; an unknown one throws IllegalArgumentException. */
    private static ReviewOutcome outcomeOf(String outcome) {
        return outcome == null ? null : ReviewOutcome.valueOf(outcome);
    }

    /** A review form's approved limit: only an approval carries one, blank is none; a non-number throws. */
    private static BigDecimal approvedLimitOf(String outcome, String input) {
        return "APPROVE".equals(outcome) && input != null && !input.isBlank() ? new BigDecimal(input.trim()) : null;
    }

    private static Problem unreadableLimit() {
        return Problem.invalid("approvedLimit", "not a number", "the approved limit must be a number such as 60000.00");
    }

    private static String decreaseStatusAfter(Response answer) {
        return answer.getEntity() instanceof com.uplift.api.DecreaseReviewView view ? view.statusAfter().name() : "PENDING";
    }

    /** Switches the console's language for this browser and returns to the page it was asked from. */
    @GET
    @Path("/language")
    @PermitAll
    public Response language(@QueryParam("to") String tag, @QueryParam("back") String back) {
        ConsoleLanguage chosen = ConsoleLanguage.byTag(tag);
        // only a console page may be returned to: the switch must not become an open redirect
        String target = back != null && back.startsWith("/console") && !back.startsWith("//") && !back.contains("\\")
                ? back : "/console";
        Response.ResponseBuilder answer = Response.seeOther(URI.create(target));
        if (chosen != null) {
            answer.cookie(new NewCookie.Builder(ConsoleLanguage.COOKIE).value(chosen.tag).path("/console")
                    .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).maxAge(365 * 24 * 3600).build());
        }
        return answer.build();
    }

    /** Ends the session: the form login's cookie is dropped (it is the whole session; nothing is kept server-side). */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermitAll
    public Response logout() {
        return Response.seeOther(URI.create("/console/login"))
                .cookie(new NewCookie.Builder("uplift-console").value("").path("/console").maxAge(0).httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).build())
                .build();
    }

    /** A console page asked for without a session goes to the sign-in form instead of the API's 401 problem. */
    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return Response.seeOther(URI.create("/console/login")).build();
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return message("forbiddenTitle", 403);
    }

    private Uni<Response> casePage(String lineId, String requestId, String reviewed, Problem refusal, int status) {
        if (lineId == null || requestId == null) {
            return Uni.createFrom().item(message("lineNotFound", 404));
        }
        ConsolePages pages = pages();
        return Uni.combine().all()
                .unis(increases.decision(lineId, requestId, headers), lines.get(lineId, null, null)).asTuple()
                .map(both -> Response.status(status).entity(page(Templates.review(pages.casePage(chrome(), lineId,
                        both.getItem1(), (CreditLineView) both.getItem2().getEntity(), reviewed, refusal)))).build())
                .onFailure(f -> f instanceof CreditLineNotFoundException || f instanceof jakarta.ws.rs.NotFoundException)
                .recoverWithItem(() -> message("lineNotFound", 404));
    }

    private static String statusAfter(Response answer) {
        return answer.getEntity() instanceof com.uplift.api.ReviewView view ? view.statusAfter().name()
                : IncreaseStatus.PENDING.name();
    }

    /**
     * A console form's action carried out by the API's own resource: a refusal (a problem answer, or a failure mapped
     * as the API maps it) renders the form's page again with the problem; anything else sends the browser on to
     * {@code next} (303). Deferred: a check that throws before the API's Uni exists (a review's level) is a refusal too.
     */
    static Uni<Response> throughApi(Supplier<Uni<? extends Response>> call, Function<Problem, Uni<Response>> refused,
                                    Function<Response, String> next) {
        return Uni.createFrom().<Response>deferred(call)
                .map(answer -> answer.getEntity() instanceof Problem problem ? (Object) problem : answer)
                .onFailure().recoverWithItem(ConsoleResource::problemOf)
                .flatMap(result -> result instanceof Problem problem ? refused.apply(problem)
                        : Uni.createFrom().item(Response.seeOther(URI.create(next.apply((Response) result))).build()));
    }

    /** The API's problem details for a failed command, exactly as the API would answer them. */
    static Problem problemOf(Throwable failure) {
        ProblemMappers mappers = new ProblemMappers();
        Response answer = switch (failure) {
            case CommandRejectedException e -> mappers.refused(e);
            case CreditLineNotFoundException e -> mappers.notFound(e);
            case WrongExpectedVersionException e -> mappers.versionMismatch(e);
            case LineBusyException e -> mappers.lineBusy(e);
            case ForbiddenException e -> mappers.forbidden(e);
            case ConstraintViolationException e -> mappers.validation(e);
            case WebApplicationException e -> mappers.web(e);
            default -> mappers.unexpected(failure);
        };
        return (Problem) answer.getEntity();
    }

    private Response message(String kind, int status) {
        return Response.status(status).entity(page(Templates.message(new MessagePage(chrome(), kind)))).build();
    }

    private Instant asOfInstant(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            // the form's datetime-local is a wall-clock time in the business zone
            return LocalDateTime.parse(input).atZone(businessZone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private TemplateInstance page(TemplateInstance template) {
        return template.setLocale(language().locale);
    }

    private ConsolePages pages() {
        return new ConsolePages(new ConsoleFormat(language().locale, businessZone));
    }

    private ConsoleLanguage language() {
        return ConsoleLanguage.of(headers);
    }

    private Chrome chrome() {
        return chrome(identity, language(), uri, method());
    }

    /** The frame of a signed-in console page, for this resource and the console's other ones (policies, audit). */
    static Chrome chrome(SecurityIdentity identity, ConsoleLanguage language, UriInfo uri, String method) {
        boolean reviewer = isReviewer(identity);
        return new Chrome(identity.getPrincipal().getName(), language.tag, here(uri, method), reviewer,
                identity.hasRole(Roles.AUDITOR) || reviewer);
    }

    private boolean isReviewer() {
        return isReviewer(identity);
    }

    private static boolean isReviewer(SecurityIdentity identity) {
        return identity.hasRole(REVIEWERS[0]) || identity.hasRole(REVIEWERS[1]);
    }

    private String here() {
        return here(uri, method());
    }

    /** This page's path and query, URL-encoded, for the language switch to return to (a form's POST returns to /console). */
    private static String here(UriInfo uri, String method) {
        URI request = uri.getRequestUri();
        String page = "GET".equals(method) ? request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery())
                : "/console";
        return java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String method() {
        return request.getMethod();
    }
}
