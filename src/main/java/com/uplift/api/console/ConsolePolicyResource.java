package com.uplift.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.api.AuditResource;
import com.uplift.api.PolicyResource;
import com.uplift.api.PolicyResource.PolicyDetail;
import com.uplift.api.PolicyResource.PolicyDiff;
import com.uplift.api.Problem;
import com.uplift.api.console.GovernanceViews.PoliciesPage;
import com.uplift.api.console.GovernanceViews.PolicyPage;
import com.uplift.api.console.GovernanceViews.ProposalPage;
import com.uplift.api.console.GovernanceViews.SimulationPage;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.policy.Policy;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The console's policy pages: the versions with their status, one version beside the policy in force as a tree with
 * the changed values marked, the proposal form (the in-force policy's JSON to edit, or a file to load), approval and
 * rejection by an admin (of a challenger proposal: approval into the challenger arm), the running challenger's
 * promotion (four-eyes) and end, and a simulation of a version against recorded history. Every read and action is
 * {@link PolicyResource}'s own method, so its roles and the policy book's four-eyes rule refuse here as they refuse
 * over the API, and a refusal is shown from the API's problem details.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ConsolePolicyResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance policies(PoliciesPage page);

        static native TemplateInstance policy(PolicyPage page);

        static native TemplateInstance proposal(ProposalPage page);

        static native TemplateInstance simulation(SimulationPage page);
    }

    private final PolicyResource policies;
    private final GovernanceAccess access;
    private final ConsoleReader reader;
    private final ObjectMapper json;

    public ConsolePolicyResource(PolicyResource policies, GovernanceAccess access, ConsoleReader reader, ObjectMapper json) {
        this.policies = policies;
        this.access = access;
        this.reader = reader;
        this.json = json;
    }

    @GET
    @Path("/policies")
    public Uni<TemplateInstance> list() {
        return policies.list().map(list -> reader.page(Templates.policies(new PoliciesPage(reader.chrome(), list.activeVersion(), list.challenger(),
                list.versions().reversed().stream().map(s -> GovernancePages.policyRow(s, list.activeVersion())).toList()))));
    }

    @GET
    @Path("/policy")
    public Uni<Response> version(@QueryParam("version") int version, @QueryParam("against") Integer against,
                                 @QueryParam("all") boolean everything, @QueryParam("done") String done) {
        String shownDone = done != null && Set.of("PROPOSED", "ACTIVE", "REJECTED", "CHALLENGER", "PROMOTION_PROPOSED", "ENDED")
                .contains(done) ? done : null;
        return versionPage(version, against, everything, shownDone, null, Response.Status.OK.getStatusCode());
    }

    @POST
    @Path("/policy/approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approve(@FormParam("version") int version, @FormParam("comment") String comment) {
        return verdict(version, () -> policies.approve(version, new PolicyResource.Verdict(comment), null));
    }

    @POST
    @Path("/policy/rejection")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reject(@FormParam("version") int version, @FormParam("comment") String comment) {
        return verdict(version, () -> policies.reject(version, new PolicyResource.Verdict(comment), null));
    }

    @POST
    @Path("/policy/promotion")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> proposePromotion(@FormParam("version") int version, @FormParam("comment") String comment) {
        return answered(() -> policies.proposePromotion(version, new PolicyResource.Verdict(comment), null))
                .flatMap(result -> afterAction(version, result, "PROMOTION_PROPOSED"));
    }

    @POST
    @Path("/policy/promotion-approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approvePromotion(@FormParam("version") int version, @FormParam("comment") String comment) {
        return verdict(version, () -> policies.approvePromotion(version, new PolicyResource.Verdict(comment), null));
    }

    @POST
    @Path("/policy/challenger-end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> endChallenger(@FormParam("version") int version, @FormParam("comment") String comment) {
        return answered(() -> policies.endChallenger(version, new PolicyResource.Verdict(comment), null))
                .flatMap(result -> afterAction(version, result, "ENDED"));
    }

    /** After a verdict: the version's page with its new status, or with the API's refusal (four-eyes, not proposed). */
    private Uni<Response> verdict(int version, Supplier<Uni<Response>> verdict) {
        return answered(verdict).flatMap(result -> {
            if (result instanceof Problem) {
                return afterAction(version, result, null);
            }
            PolicyBook.Status status = ((PolicyResource.PolicySummary) ((Response) result).getEntity()).status();
            // approved but not in force: it was proposed as a challenger and now decides its share of the lines
            return afterAction(version, result, status == PolicyBook.Status.APPROVED ? "CHALLENGER" : status.name());
        });
    }

    /** The version's page saying what was done, or with the API's refusal. */
    private Uni<Response> afterAction(int version, Object result, String done) {
        return result instanceof Problem problem ? versionPage(version, null, false, null, problem, problem.status())
                : Uni.createFrom().item(done(version, done));
    }

    @GET
    @Path("/policy-proposal")
    public Uni<Response> proposalForm() {
        if (!access.admin()) {
            return Uni.createFrom().item(reader.forbidden());
        }
        return policies.list().flatMap(list -> policies.get(list.activeVersion())
                .map(inForce -> proposalPage(list.activeVersion(), list.versions().size() + 1, pretty(inForce.policy()),
                        "", null, Response.Status.OK.getStatusCode())));
    }

    @POST
    @Path("/policy-proposal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> propose(@FormParam("basedOn") Integer basedOn, @FormParam("reason") String reason,
                                 @FormParam("policy") String policyJson) {
        Policy draft;
        try {
            draft = json.readValue(policyJson == null ? "" : policyJson, Policy.class);
        } catch (JsonProcessingException unreadable) {
            Problem problem = Problem.invalid("policy", "not a policy document", "the policy is not readable JSON of a policy: "
                    + unreadable.getOriginalMessage());
            return Uni.createFrom().item(proposalPage(basedOn == null ? 0 : basedOn, 0, policyJson, reason, problem, problem.status()));
        }
        return answered(() -> policies.propose(new PolicyResource.Proposal(basedOn, reason, draft), null))
                .map(result -> result instanceof Problem problem
                        ? proposalPage(basedOn == null ? 0 : basedOn, 0, policyJson, reason, problem, problem.status())
                        : done(((PolicyResource.PolicySummary) ((Response) result).getEntity()).version(), "PROPOSED"));
    }

    @POST
    @Path("/policy/simulation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking // a simulation replays recorded history (PolicySimulation): a worker thread
    public Response simulate(@FormParam("version") int version, @FormParam("lines") String lines,
                             @FormParam("from") String from, @FormParam("to") String to) {
        ConsoleFormat format = reader.format();
        try {
            AuditResource.ScopeRequest scope = ScopeForm.of(lines, from, to, reader.businessZone());
            return Response.ok(reader.page(Templates.simulation(new GovernancePages(format).simulation(reader.chrome(),
                    policies.simulate(version, scope))))).build();
        } catch (ForbiddenException | UnauthorizedException refused) {
            throw refused;
        } catch (RuntimeException refused) {
            Problem problem = ConsoleResource.problemOf(refused);
            return versionPage(version, null, false, null, problem, problem.status()).await().indefinitely();
        }
    }

    /** The API's answer to an action, or its problem details when it refused (also a refusal by its roles or validation). */
    private static Uni<Object> answered(Supplier<Uni<Response>> action) {
        return Uni.createFrom().<Response>deferred(action::get)
                .map(done -> done.getEntity() instanceof Problem problem ? (Object) problem : done)
                .onFailure().recoverWithItem(ConsoleResource::problemOf);
    }

    private Uni<Response> versionPage(int version, Integer against, boolean everything, String done, Problem refusal,
                                      int status) {
        return policies.list().flatMap(list -> {
            int base = against != null ? against : defaultBase(version, list);
            boolean whole = everything || base == version;
            Uni<PolicyDetail> left = policies.get(base);
            Uni<PolicyDetail> right = policies.get(version);
            Uni<PolicyDiff> diff = policies.diff(version, base);
            return Uni.combine().all().unis(left, right, diff).asTuple().map(all -> {
                PolicyDetail shown = all.getItem2();
                Set<String> changed = all.getItem3().changes().stream().map(PolicyResource.Change::path)
                        .collect(Collectors.toSet());
                JsonNode before = json.valueToTree(all.getItem1().policy());
                JsonNode after = json.valueToTree(shown.policy());
                return Response.status(status).entity(reader.page(Templates.policy(new PolicyPage(reader.chrome(),
                        GovernancePages.policyRow(shown.summary(), list.activeVersion()), shown.summary().contentHash(),
                        base, base == list.activeVersion(), changed.size(),
                        GovernancePages.tree(before, after, changed, whole), whole,
                        GovernancePages.awaitingVerdict(shown.summary()), done, refusal,
                        list.challenger() != null && list.challenger().version() == version ? list.challenger() : null)))).build();
            });
        }).onFailure(jakarta.ws.rs.NotFoundException.class).recoverWithItem(() -> reader.message("policyNotFound", 404));
    }

    /**
     * What a version is read beside by default: the policy in force; for the policy in force itself, the version it
     * was based on (what its approval changed), and for a shipped policy in force, itself in full.
     */
    private static int defaultBase(int version, PolicyResource.PolicyList list) {
        if (version != list.activeVersion()) {
            return list.activeVersion();
        }
        return list.versions().stream().filter(v -> v.version() == version).findFirst()
                .map(v -> v.basedOn() == null ? version : v.basedOn()).orElse(version);
    }

    private Response proposalPage(int basedOn, int nextVersion, String policyJson, String reason, Problem refusal,
                                  int status) {
        return Response.status(status).entity(reader.page(Templates.proposal(new ProposalPage(reader.chrome(), basedOn, nextVersion,
                policyJson, reason, refusal)))).build();
    }

    private String pretty(Policy policy) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy in force that cannot be written as JSON", e);
        }
    }

    private static Response done(int version, String status) {
        return Response.seeOther(URI.create("/console/policy?version=" + version + "&done=" + status)).build();
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return ConsoleReader.signInFirst();
    }

    /** A form value JAX-RS cannot convert ({@code version=abc}): the console's own 400 page, not API problem+json. */
    @ServerExceptionMapper
    public Response formValueInvalid(jakarta.ws.rs.BadRequestException e) {
        return reader.message("formValueInvalid", 400);
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return reader.forbidden();
    }
}
