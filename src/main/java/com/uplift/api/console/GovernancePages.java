package com.uplift.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.api.PolicyResource.PolicySummary;
import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.GovernanceViews.AnchorView;
import com.uplift.api.console.GovernanceViews.Count;
import com.uplift.api.console.GovernanceViews.DiffRow;
import com.uplift.api.console.GovernanceViews.FindingRow;
import com.uplift.api.console.GovernanceViews.GroupRow;
import com.uplift.api.console.GovernanceViews.Measure;
import com.uplift.api.console.GovernanceViews.NewApprovalRow;
import com.uplift.api.console.GovernanceViews.PolicyRow;
import com.uplift.api.console.GovernanceViews.SimulationPage;
import com.uplift.api.console.GovernanceViews.VerificationPage;
import com.uplift.audit.AuditScope;
import com.uplift.audit.OutcomeTally;
import com.uplift.audit.PolicySimulation;
import com.uplift.audit.StreamAnchors;
import com.uplift.audit.VerificationReport;
import com.uplift.domain.governance.PolicyBook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the policy and audit API's answers into the governance pages' views. Nothing is decided here: which values
 * changed is the API's diff, the simulation's figures are its report, the findings are the verification's.
 */
final class GovernancePages {

    private final ConsoleFormat format;

    GovernancePages(ConsoleFormat format) {
        this.format = format;
    }

    static PolicyRow policyRow(PolicySummary s, Integer activeVersion) {
        return new PolicyRow(s.version(), s.name(), s.status().name(), orDash(s.proposedBy()), orDash(s.approvedBy()),
                orDash(s.basedOn()), orDash(s.reason()), Objects.equals(activeVersion, s.version()), s.challengerSharePercent());
    }

    /**
     * The two policy documents as one tree, side by side: every key of either, in the order the documents have them,
     * each leaf marked changed when the API's diff names its path. Without {@code everything} only the changed
     * leaves and the branches that lead to them are kept, so a one-value change reads as one highlighted line.
     */
    static List<DiffRow> tree(JsonNode before, JsonNode after, Set<String> changedPaths, boolean everything) {
        List<DiffRow> rows = new ArrayList<>();
        children("", 0, before, after, changedPaths, everything, rows);
        return rows;
    }

    /** Adds the rows under one branch; true when something under it changed. */
    private static boolean children(String path, int depth, JsonNode before, JsonNode after, Set<String> changedPaths,
                                    boolean everything, List<DiffRow> into) {
        boolean changed = false;
        boolean array = isArray(before) || isArray(after);
        for (String key : keys(before, after, array)) {
            String childPath = array ? path + "[" + key + "]" : path.isEmpty() ? key : path + "." + key;
            JsonNode left = child(before, key, array);
            JsonNode right = child(after, key, array);
            changed |= node(childPath, depth, array ? "[" + key + "]" : key, left, right, changedPaths, everything, into);
        }
        return changed;
    }

    private static boolean node(String path, int depth, String key, JsonNode left, JsonNode right,
                                Set<String> changedPaths, boolean everything, List<DiffRow> into) {
        if (isBranch(left) || isBranch(right)) {
            List<DiffRow> below = new ArrayList<>();
            boolean changed = children(path, depth + 1, isBranch(left) ? left : null, isBranch(right) ? right : null,
                    changedPaths, everything, below) || changedPaths.contains(path);
            if (changed || everything) {
                into.add(new DiffRow(path, depth, key, branchText(left), branchText(right), true, changed,
                        left == null, right == null));
                into.addAll(below);
            }
            return changed;
        }
        boolean changed = changedPaths.contains(path);
        if (changed || everything) {
            into.add(new DiffRow(path, depth, key, leafText(left), leafText(right), false, changed, left == null,
                    right == null));
        }
        return changed;
    }

    private static Iterable<String> keys(JsonNode before, JsonNode after, boolean array) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode side : new JsonNode[]{before, after}) {
            if (side == null) {
                continue;
            }
            if (array) {
                for (int i = 0; i < side.size(); i++) {
                    keys.add(String.valueOf(i));
                }
            } else {
                for (Iterator<String> names = side.fieldNames(); names.hasNext(); ) {
                    keys.add(names.next());
                }
            }
        }
        return keys;
    }

    private static JsonNode child(JsonNode parent, String key, boolean array) {
        if (parent == null) {
            return null;
        }
        return array ? parent.get(Integer.parseInt(key)) : parent.get(key);
    }

    private static boolean isBranch(JsonNode node) {
        return node != null && node.isContainerNode();
    }

    private static boolean isArray(JsonNode node) {
        return node != null && node.isArray();
    }

    private static String branchText(JsonNode node) {
        return node == null ? "–" : node.isArray() ? "[" + node.size() + "]" : node.isObject() ? "{…}" : leafText(node);
    }

    private static String leafText(JsonNode node) {
        return node == null ? "–" : node.isTextual() ? node.asText() : node.toString();
    }

    SimulationPage simulation(Chrome chrome, PolicySimulation.Report report) {
        PolicySimulation.Comparison overall = report.overall();
        PolicySimulation.NewApprovals fresh = report.newlyApproved();
        return new SimulationPage(chrome, report.candidateVersion(), report.candidateStatus().name(),
                scope(report.scope()), report.linesRead(), overall.changed(), measures(overall), groups(report.byGrade()),
                groups(report.bySegment()), fresh.count(), fresh.withLaterMissedPayment(), fresh.linesReaching30Dpd(),
                rate(fresh.rate30PlusDpd()),
                fresh.sample().stream().map(a -> new NewApprovalRow(a.creditLineId(), a.requestId(),
                        a.recordedOutcome().name(), format.money(a.candidateNewLimit()), a.maxDaysPastDueAfter(),
                        a.missedPaymentsAfter())).toList());
    }

    private List<Measure> measures(PolicySimulation.Comparison c) {
        OutcomeTally.Stats r = c.recorded();
        OutcomeTally.Stats k = c.candidate();
        List<Measure> measures = new ArrayList<>();
        measures.add(measure("requests", r, k, s -> String.valueOf(s.requests())));
        measures.add(measure("approved", r, k, s -> String.valueOf(s.approved())));
        measures.add(measure("referred", r, k, s -> String.valueOf(s.referred())));
        measures.add(measure("declined", r, k, s -> String.valueOf(s.declined())));
        measures.add(measure("refused", r, k, s -> String.valueOf(s.refused())));
        measures.add(measure("approvalRate", r, k, s -> rate(s.approvalRate())));
        measures.add(measure("referralRate", r, k, s -> rate(s.referralRate())));
        measures.add(measure("declineRate", r, k, s -> rate(s.declineRate())));
        measures.add(measure("averageIncrease", r, k, s -> format.money(s.averageIncrease())));
        measures.add(measure("addedExposure", r, k, s -> format.money(s.addedExposure())));
        return measures;
    }

    private static Measure measure(String label, OutcomeTally.Stats recorded, OutcomeTally.Stats candidate,
                                   Function<OutcomeTally.Stats, String> value) {
        String before = value.apply(recorded);
        String after = value.apply(candidate);
        return new Measure(label, before, after, !before.equals(after));
    }

    private List<GroupRow> groups(Map<String, PolicySimulation.Comparison> groups) {
        return groups.entrySet().stream().map(g -> new GroupRow(g.getKey(), g.getValue().recorded().requests(),
                rate(g.getValue().recorded().approvalRate()), rate(g.getValue().candidate().approvalRate()),
                g.getValue().changed(), format.money(g.getValue().recorded().addedExposure()),
                format.money(g.getValue().candidate().addedExposure()))).toList();
    }

    /** A share the API gives as a fraction (0.3333) as a percentage (33.33%). */
    private String rate(BigDecimal fraction) {
        return fraction == null ? "–" : format.percent(fraction.movePointRight(2));
    }

    String scope(AuditScope scope) {
        if (scope == null || !scope.someLines() && scope.from() == null && scope.to() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (scope.someLines()) {
            parts.add(String.join(", ", scope.lines()));
        }
        if (scope.from() != null || scope.to() != null) {
            parts.add(format.seconds(scope.from()) + " … " + format.seconds(scope.to()));
        }
        return String.join(" · ", parts);
    }

    VerificationPage verification(Chrome chrome, VerificationReport r) {
        boolean finished = r.status() == VerificationReport.Status.COMPLETED || r.status() == VerificationReport.Status.FAILED;
        List<Count> checked = List.of(new Count("lines", r.linesChecked(), false),
                new Count("events", r.eventsChecked(), false), new Count("batches", r.batchesChecked(), false),
                new Count("decisions", r.decisionsChecked(), false), new Count("otherStreams", r.otherStreamsChecked(), false),
                new Count("anchors", r.anchorsChecked(), false), new Count("anchoredHeads", r.anchoredHeadsChecked(), false));
        List<Count> found = List.of(new Count("mismatches", r.mismatchCount(), true),
                new Count("brokenLinks", r.brokenLinkCount(), true),
                new Count("anchorProblems", r.anchorProblemCount(), true),
                new Count("notRedecidable", r.notRedecidableCount(), false),
                new Count("analyzerDrift", r.analyzerDriftCount(), false));
        return new VerificationPage(chrome, r.id(), r.status().name(), finished, r.clean(), scope(r.scope()),
                r.requestedBy(), format.seconds(r.startedAt()), format.seconds(r.finishedAt()), checked, found,
                r.mismatches().stream().map(m -> new FindingRow(m.creditLineId(), m.streamVersion(),
                        m.eventType() + " · " + orDash(m.field()),
                        m.recorded() + " ≠ " + m.reproduced() + (m.problem() == null ? "" : " · " + m.problem()))).toList(),
                r.brokenLinks().stream().map(b -> new FindingRow(b.streamId(), b.version(), "hash chain", b.problem())).toList(),
                r.anchorProblems().stream().map(a -> new FindingRow(a.streamId(), a.version(), "anchor " + a.anchorEventVersion(),
                        a.problem() + " · " + a.anchoredHash() + " ≠ " + orDash(a.storedHash()))).toList(),
                r.failure());
    }

    static AnchorView anchor(StreamAnchors.AnchorResult a) {
        return new AnchorView(a.anchored(), a.streams(), orDash(a.fromCheckpoint()), orDash(a.throughCheckpoint()),
                a.merkleRoots() == null ? List.of() : a.merkleRoots(), a.anchorStreamVersion());
    }

    static boolean awaitingVerdict(PolicySummary s) {
        return s.status() == PolicyBook.Status.PROPOSED;
    }

    private static String orDash(Object value) {
        return value == null ? "–" : value.toString();
    }
}
