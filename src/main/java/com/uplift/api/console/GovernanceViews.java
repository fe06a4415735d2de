package com.uplift.api.console;

import com.uplift.api.Problem;
import com.uplift.api.console.ConsoleViews.Chrome;
import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the policies and audit pages show, already in the reader's language and formats; built by
 * {@link GovernancePages} from the answers of PolicyResource and AuditResource.
 */
final class GovernanceViews {

    private GovernanceViews() {
    }

    @TemplateData
    /** @param challengerShare the share the proposal asked to be rolled out as challenger at; null: for every line */
    record PolicyRow(int version, String name, String status, String proposedBy, String approvedBy, String basedOn,
                     String reason, boolean inForce, Integer challengerShare) {
    }

    /** @param challenger the challenger approved into the arm (PolicyResource.ChallengerView), null when none runs */
    @TemplateData
    record PoliciesPage(Chrome chrome, Integer activeVersion, com.uplift.api.PolicyResource.ChallengerView challenger,
                        List<PolicyRow> versions) {
    }

    /**
     * One line of the side-by-side tree: a key at its depth with the value in force (left) and this version's
     * (right). {@code changed}: a value that differs, or a branch holding one; {@code absent}: the side lacks it.
     */
    @TemplateData
    record DiffRow(String path, int depth, String key, String before, String after, boolean branch, boolean changed,
                   boolean absentBefore, boolean absentAfter) {
    }

    @TemplateData
    /** @param challenger the running challenger when it is this version (its promotion and end forms), else null */
    record PolicyPage(Chrome chrome, PolicyRow policy, String contentHash, int against, boolean againstIsInForce,
                      int changeCount, List<DiffRow> tree, boolean everything, boolean awaitingVerdict, String done,
                      Problem refusal, com.uplift.api.PolicyResource.ChallengerView challenger) {
    }

    /** One recorded scorecard development in the list, with its headline figures. */
    @TemplateData
    record DevelopmentRow(String developmentId, String asOf, String developedBy, int basePolicyVersion,
                          int proposedPolicyVersion, long observations, String holdoutAuc, String handSetAuc,
                          String psi, String verdict) {
    }

    @TemplateData
    record ScorecardsPage(Chrome chrome, List<DevelopmentRow> developments) {
    }

    /** A row of the sample's exclusions: why decisions were left out, and how many. */
    @TemplateData
    record Exclusion(String reason, long count) {
    }

    /** A discrimination row: the fitted card on training or hold-out, or the hand-set card on the hold-out. */
    @TemplateData
    record DiscriminationRow(String sample, com.uplift.audit.scorecard.DevelopmentReport.Discrimination figures) {
    }

    /** One development's validation report, and the policy version it proposed as the policies page shows it. */
    @TemplateData
    record ScorecardPage(Chrome chrome, com.uplift.audit.scorecard.DevelopmentReport report, List<Exclusion> exclusions,
                         List<DiscriminationRow> discrimination, PolicyRow proposal) {
    }

    @TemplateData
    record ProposalPage(Chrome chrome, int basedOn, int nextVersion, String policyJson, String reason, Problem refusal) {
    }

    /** One measure of a simulation, recorded beside candidate, overall or for one grade or segment. */
    @TemplateData
    record Measure(String label, String recorded, String candidate, boolean differs) {
    }

    @TemplateData
    record GroupRow(String group, long requests, String recordedApprovalRate, String candidateApprovalRate,
                    long changed, String recordedAddedExposure, String candidateAddedExposure) {
    }

    @TemplateData
    record NewApprovalRow(String lineId, String requestId, String recordedOutcome, String candidateNewLimit,
                          int maxDaysPastDue, int missedPayments) {
    }

    @TemplateData
    record SimulationPage(Chrome chrome, int version, String status, String scope, long linesRead, long changed,
                          List<Measure> overall, List<GroupRow> byGrade, List<GroupRow> bySegment, long newlyApproved,
                          long withLaterMissedPayment, long reaching30Dpd, String rate30PlusDpd,
                          List<NewApprovalRow> sample) {
    }

    @TemplateData
    record Count(String key, long value, boolean finding) {
    }

    @TemplateData
    record FindingRow(String where, long version, String what, String detail) {
    }

    @TemplateData
    record VerificationPage(Chrome chrome, String id, String status, boolean finished, Boolean clean, String scope,
                            String requestedBy, String startedAt, String finishedAt, List<Count> checked,
                            List<Count> found, List<FindingRow> mismatches, List<FindingRow> brokenLinks,
                            List<FindingRow> anchorProblems, String failure) {
    }

    @TemplateData
    record AnchorView(boolean anchored, int streams, String fromCheckpoint, String throughCheckpoint,
                      List<String> merkleRoots, long anchorStreamVersion) {
    }

    @TemplateData
    record AuditPage(Chrome chrome, boolean auditor, boolean anchorer, AnchorView anchor, Problem refusal) {
    }
}
