package com.uplift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.api.security.Roles;
import com.uplift.application.CommandAnswer;
import com.uplift.application.PolicyCatalog;
import com.uplift.audit.AuditScope;
import com.uplift.audit.PolicySimulation;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.policy.Policy;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventMetadata;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versioned policies. A new version is proposed by one admin and takes effect only when a different admin approves it
 * (four-eyes); proposals, approvals, rejections and activations are events of the policy book.
 */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies", description = "Versioned credit policies: four-eyes proposal and approval, diffs and what-if simulations")
public class PolicyResource {


    private final PolicyCatalog catalog;
    private final Caller caller;
    private final IdempotencyKeys idempotency;
    private final PolicySimulation simulation;
    private final ObjectMapper json;

    public PolicyResource(PolicyCatalog catalog, Caller caller, PolicySimulation simulation, IdempotencyKeys idempotency,
                          ObjectMapper json) {
        this.catalog = catalog;
        this.caller = caller;
        this.simulation = simulation;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** @param challengerSharePercent the share its proposal asked to be rolled out as challenger at; null: for every line */
    public record PolicySummary(int version, String name, PolicyBook.Status status, String contentHash,
                                String proposedBy, String approvedBy, Integer basedOn, String reason,
                                Integer challengerSharePercent) {
        static PolicySummary of(PolicyBook.Entry e) {
            return new PolicySummary(e.version(), e.policy().name(), e.status(), e.contentHash(), e.proposedBy(),
                    e.approvedBy(), e.basedOn(), e.reason(), e.challengerSharePercent());
        }
    }

    public record PolicyDetail(PolicySummary summary, Policy policy) {
    }

    /**
     * The challenger approved into the arm through the policy book: it decides the lines whose
     * SHA-256(salt:lineId) mod 100 is below sharePercent; the champion (activeVersion) decides the rest.
     */
    public record ChallengerView(int version, int championVersion, int sharePercent, String salt, String promotionProposedBy) {
        static ChallengerView of(PolicyBook.Challenger c) {
            return c == null ? null : new ChallengerView(c.version(), c.championVersion(), c.sharePercent(), c.salt(),
                    c.promotionProposedBy());
        }
    }

    /** @param challenger the challenger rolled out through the book; null when none runs */
    public record PolicyList(Integer activeVersion, ChallengerView challenger, List<PolicySummary> versions) {
    }

    /**
     * @param challengerSharePercent absent: the approval puts the version in force for every line; 1..50: the approval
     *                               starts it as the challenger of the policy in force for that share of the lines
     */
    public record Proposal(Integer basedOn, @NotBlank @Size(max = 1000) String reason, @NotNull Policy policy,
                           Integer challengerSharePercent) {

        public Proposal(Integer basedOn, String reason, Policy policy) {
            this(basedOn, reason, policy, null);
        }
    }

    public record Verdict(@NotBlank @Size(max = 1000) String comment) {
    }

    public record Change(String path, JsonNode before, JsonNode after) {
    }

    public record PolicyDiff(int version, int against, List<Change> changes) {
    }

    @GET
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listPolicies",
            summary = "Every policy version with its status; activeVersion is in force",
            description = "Roles: risk-officer, senior-risk-officer, auditor, admin.")
    public Uni<PolicyList> list() {
        return catalog.book().map(book -> new PolicyList(book.activeVersion(), ChallengerView.of(book.challenger()),
                book.versions().values().stream().map(PolicySummary::of).toList()));
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getPolicy",
            summary = "One policy version: its status and its full content",
            description = "Roles: risk-officer, senior-risk-officer, auditor, admin.")
    @APIResponse(responseCode = "200", description = "The version's status and content")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<PolicyDetail> get(@PathParam("version") int version) {
        return entry(version).map(e -> new PolicyDetail(PolicySummary.of(e), e.policy()));
    }

    @GET
    @Path("/{version}/diff")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "diffPolicy",
            summary = "What a version changes against another (default: the one in force), path by path",
            description = "Roles: risk-officer, senior-risk-officer, auditor, admin.")
    @APIResponse(responseCode = "200", description = "The changes, path by path")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<PolicyDiff> diff(@PathParam("version") int version, @QueryParam("against") Integer against) {
        return catalog.book().map(book -> {
            int base = against != null ? against : book.activeVersion();
            PolicyBook.Entry left = book.versions().get(base);
            PolicyBook.Entry right = book.versions().get(version);
            if (left == null || right == null) {
                throw new NotFoundException();
            }
            // the API's JSON, not the stored canonical form: amounts and rates are numbers here as everywhere in the API
            return new PolicyDiff(version, base, changes(json.valueToTree(left.policy()), json.valueToTree(right.policy())));
        });
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "proposePolicy",
            summary = "Propose a new policy version (it is numbered next); a different admin must approve it",
            description = "With challengerSharePercent (1..50) the approval starts it as the challenger of the policy in force "
                    + "for that share of the lines instead of putting it in force. Location is the proposed version's path. Roles: admin.")
    @APIResponse(responseCode = "201", description = "Proposed; not in force until approved. Location is its path (relative)",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/policies/{version}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: INVALID_POLICY (with what is wrong), CHALLENGER_SHARE_OUT_OF_RANGE, "
            + "CHALLENGER_RUNNING (promote or end the running challenger first), or the Idempotency-Key reused")
    public Uni<Response> propose(@Valid @NotNull Proposal proposal, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        java.util.function.Function<PolicyBook, Response> answer = book -> {
            PolicyBook.Entry proposed = book.versions().get(book.versions().lastKey());
            return Response.status(Response.Status.CREATED)
                    .header(HttpHeaders.LOCATION, "/api/policies/" + proposed.version())
                    .entity(PolicySummary.of(proposed)).build();
        };
        return idempotency.onceWithEvents(caller.actor(), key, "POST /api/policies\n" + CanonicalJson.write(proposal), answer,
                commandAnswer -> catalog.propose(proposal.policy(), proposal.basedOn(), proposal.reason(), proposal.challengerSharePercent(), caller.actor(),
                        metadata(), commandAnswer));
    }

    @POST
    @Path("/{version}/approval")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "approvePolicy",
            summary = "Approve a proposal (not your own): it becomes the policy in force, or the challenger if it was proposed as one",
            description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "Approved: in force, or (proposed with a challengerSharePercent) deciding that share of the lines as challenger",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: FOUR_EYES (your own proposal), NOT_PROPOSED (not awaiting approval, or no such version), "
            + "CHALLENGER_RUNNING (a challenger runs: promote or end it first), or an Idempotency-Key reused")
    public Uni<Response> approve(@PathParam("version") int version, @Valid @NotNull Verdict verdict,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return onVersion(version, "/approval", verdict, key, summaryOf(version), catalog::approve);
    }

    @POST
    @Path("/{version}/rejection")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rejectPolicy",
            summary = "Reject a proposal",
            description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "Rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: not awaiting approval (or no such version), or an Idempotency-Key reused")
    public Uni<Response> reject(@PathParam("version") int version, @Valid @NotNull Verdict verdict,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return onVersion(version, "/rejection", verdict, key, summaryOf(version), catalog::reject);
    }

    @GET
    @Path("/challenger")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getChallenger",
            summary = "The challenger approved into the arm: its version, share, salt and any promotion awaiting approval",
            description = "Roles: risk-officer, senior-risk-officer, auditor, admin.")
    @APIResponse(responseCode = "200", description = "The running challenger",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChallengerView.class)))
    @APIResponse(responseCode = "404", description = "No challenger runs")
    public Uni<ChallengerView> challenger() {
        return catalog.book().map(book -> {
            if (book.challenger() == null) {
                throw new NotFoundException("no challenger runs");
            }
            return ChallengerView.of(book.challenger());
        });
    }

    @POST
    @Path("/{version}/promotion")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "proposeChallengerPromotion",
            summary = "Propose that the running challenger become the policy in force for every line; a different admin must approve it",
            description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "Proposed; the challenger keeps its share until another admin approves",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChallengerView.class)))
    @APIResponse(responseCode = "422", description = "Refused: NOT_THE_CHALLENGER (the version is not the running challenger, or unknown), "
            + "PROMOTION_PROPOSED (already awaiting approval), or an Idempotency-Key reused")
    public Uni<Response> proposePromotion(@PathParam("version") int version, @Valid @NotNull Verdict verdict,
                                          @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return onVersion(version, "/promotion", verdict, key, book -> Response.ok(ChallengerView.of(book.challenger())).build(),
                catalog::proposePromotion);
    }

    @POST
    @Path("/{version}/promotion/approval")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "approveChallengerPromotion",
            summary = "Approve the proposed promotion (not your own): the challenger becomes the policy in force for every line",
            description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "Promoted: the version is in force (ACTIVE), the former champion RETIRED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: FOUR_EYES (your own proposal), NOT_PROPOSED (no promotion awaits approval), "
            + "NOT_THE_CHALLENGER, or an Idempotency-Key reused")
    public Uni<Response> approvePromotion(@PathParam("version") int version, @Valid @NotNull Verdict verdict,
                                          @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return onVersion(version, "/promotion/approval", verdict, key, summaryOf(version), catalog::approvePromotion);
    }

    @POST
    @Path("/{version}/challenger-end")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "endChallenger",
            summary = "End the running challenger: every line is decided by the champion again (one admin: a safety stop, see docs/policy.md)",
            description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "Ended; the version stays APPROVED and may be proposed again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: NOT_THE_CHALLENGER (the version is not the running challenger, or unknown), or an Idempotency-Key reused")
    public Uni<Response> endChallenger(@PathParam("version") int version, @Valid @NotNull Verdict verdict,
                                       @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return onVersion(version, "/challenger-end", verdict, key, summaryOf(version), catalog::endChallenger);
    }

    /** A governance step on one version by the calling admin, with a comment (PolicyCatalog's approve, reject...). */
    @FunctionalInterface
    interface StepOnVersion {
        Uni<PolicyBook> run(int version, String actor, String comment, EventMetadata metadata, CommandAnswer<PolicyBook> answer);
    }

    /** Runs a step on a version once per Idempotency-Key, keyed by its path and comment, answering from the book after it. */
    private Uni<Response> onVersion(int version, String step, Verdict verdict, String key,
                                    java.util.function.Function<PolicyBook, Response> answer, StepOnVersion command) {
        return idempotency.onceWithEvents(caller.actor(), key, "POST /api/policies/" + version + step + "\n" + CanonicalJson.write(verdict),
                answer, commandAnswer -> command.run(version, caller.actor(), verdict.comment(), metadata(), commandAnswer));
    }

    /** The answer to a verdict on a version: that version's summary as the book holds it after the verdict. */
    private static java.util.function.Function<PolicyBook, Response> summaryOf(int version) {
        return book -> Response.ok(PolicySummary.of(book.versions().get(version))).build();
    }

    @POST
    @Path("/{version}/simulations")
    @Blocking
    @RolesAllowed({Roles.ADMIN, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "simulatePolicy",
            summary = "What-if: replay recorded increase requests under this version (proposed ones too) beside what was recorded; writes nothing",
            description = "Roles: admin, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "Rates, average increase and added exposure, by grade and segment; later behaviour of newly approved lines")
    @APIResponse(responseCode = "404", description = "No such version")
    public PolicySimulation.Report simulate(@PathParam("version") int version, @Valid AuditResource.ScopeRequest request) {
        AuditScope scope = request == null ? AuditScope.EVERYTHING : request.toScope();
        try {
            return simulation.simulate(version, scope);
        } catch (PolicySimulation.UnknownPolicyException unknown) {
            throw new NotFoundException(unknown.getMessage());
        }
    }

    private Uni<PolicyBook.Entry> entry(int version) {
        return catalog.book().map(book -> {
            PolicyBook.Entry entry = book.versions().get(version);
            if (entry == null) {
                throw new NotFoundException();
            }
            return entry;
        });
    }

    private EventMetadata metadata() {
        return new EventMetadata(caller.requestId(), caller.requestId(), caller.actor(), caller.channel(), caller.requestId());
    }

    static List<Change> changes(JsonNode before, JsonNode after) {
        Map<String, JsonNode> left = new TreeMap<>();
        Map<String, JsonNode> right = new TreeMap<>();
        flatten("", before, left);
        flatten("", after, right);
        TreeMap<String, Change> changes = new TreeMap<>();
        left.forEach((path, value) -> {
            JsonNode other = right.get(path);
            if (!value.equals(other)) {
                changes.put(path, new Change(path, value, other));
            }
        });
        right.forEach((path, value) -> {
            if (!left.containsKey(path)) {
                changes.put(path, new Change(path, null, value));
            }
        });
        return new ArrayList<>(changes.values());
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node);
        }
    }
}
