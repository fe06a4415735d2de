package com.uplift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.api.security.Roles;
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

    public record PolicySummary(int version, String name, PolicyBook.Status status, String contentHash,
                                String proposedBy, String approvedBy, Integer basedOn, String reason) {
        static PolicySummary of(PolicyBook.Entry e) {
            return new PolicySummary(e.version(), e.policy().name(), e.status(), e.contentHash(), e.proposedBy(),
                    e.approvedBy(), e.basedOn(), e.reason());
        }
    }

    public record PolicyDetail(PolicySummary summary, Policy policy) {
    }

    public record PolicyList(Integer activeVersion, List<PolicySummary> versions) {
    }

    public record Proposal(Integer basedOn, @NotBlank @Size(max = 1000) String reason, @NotNull Policy policy) {
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
        return catalog.book().map(book -> new PolicyList(book.activeVersion(),
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
            description = "Location is the proposed version's path. Roles: admin.")
    @APIResponse(responseCode = "201", description = "Proposed; not in force until approved. Location is its path (relative)",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/policies/{version}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: INVALID_POLICY (with what is wrong), or the Idempotency-Key reused")
    public Uni<Response> propose(@Valid @NotNull Proposal proposal, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        java.util.function.Function<PolicyBook, Response> answer = book -> {
            PolicyBook.Entry proposed = book.versions().get(book.versions().lastKey());
            return Response.status(Response.Status.CREATED)
                    .header(HttpHeaders.LOCATION, "/api/policies/" + proposed.version())
                    .entity(PolicySummary.of(proposed)).build();
        };
        return idempotency.onceWithEvents(caller.actor(), key, "POST /api/policies\n" + CanonicalJson.write(proposal), answer,
                commandAnswer -> catalog.propose(proposal.policy(), proposal.basedOn(), proposal.reason(), caller.actor(),
                        metadata(), commandAnswer));
    }

    @POST
    @Path("/{version}/approval")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "approvePolicy",
            summary = "Approve a proposal (not your own): it becomes the policy in force",
            description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "Approved and in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicySummary.class)))
    @APIResponse(responseCode = "422", description = "Refused: your own proposal, not awaiting approval (or no such version), or an Idempotency-Key reused")
    public Uni<Response> approve(@PathParam("version") int version, @Valid @NotNull Verdict verdict,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.onceWithEvents(caller.actor(), key, "POST /api/policies/" + version + "/approval\n" + CanonicalJson.write(verdict),
                summaryOf(version), commandAnswer -> catalog.approve(version, caller.actor(), verdict.comment(), metadata(), commandAnswer));
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
        return idempotency.onceWithEvents(caller.actor(), key, "POST /api/policies/" + version + "/rejection\n" + CanonicalJson.write(verdict),
                summaryOf(version), commandAnswer -> catalog.reject(version, caller.actor(), verdict.comment(), metadata(), commandAnswer));
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
