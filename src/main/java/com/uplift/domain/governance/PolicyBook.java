package com.uplift.domain.governance;

import com.uplift.domain.Rejection;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyValidation;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The policy book's state and decider. Four-eyes: a proposal takes effect only when an admin other than its proposer
 * approves it. Versions are numbered 1, 2, 3... in proposal order and never reused.
 */
public record PolicyBook(SortedMap<Integer, Entry> versions, Integer activeVersion) {

    public static final PolicyBook EMPTY = new PolicyBook(new TreeMap<>(), null);

    public enum Status { PROPOSED, APPROVED, REJECTED, ACTIVE, RETIRED }

    public record Entry(int version, Policy policy, String contentHash, Status status, String proposedBy,
                        String approvedBy, Integer basedOn, String reason) {

        Entry withStatus(Status next, String approver) {
            return new Entry(version, policy, contentHash, next, proposedBy, approver == null ? approvedBy : approver,
                    basedOn, reason);
        }
    }

    public PolicyBook {
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }

    public int nextVersion() {
        return versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** The result of a policy command: events, or a refusal (the same value type the credit line uses). */
    public static Result decide(PolicyCommand command, PolicyBook book) {
        return switch (command) {
            case PolicyCommand.InstallShippedPolicy c -> book.versions.isEmpty()
                    ? accept(new PolicyEvent.PolicyInstalled(c.policy().version(), c.policy(), c.contentHash(), c.source(), c.occurredAt()),
                             new PolicyEvent.PolicyActivated(c.policy().version(), null, c.occurredAt()))
                    : reject("BOOK_NOT_EMPTY", "a shipped policy is installed only into an empty policy book");
            case PolicyCommand.ProposePolicy c -> !PolicyValidation.problems(c.policy()).isEmpty()
                    ? new Result.Rejected(new Rejection("INVALID_POLICY", "the policy cannot be used: "
                            + String.join("; ", PolicyValidation.problems(c.policy())), List.of("INVALID_POLICY")))
                    : c.policy().version() != book.nextVersion()
                    ? reject("WRONG_VERSION", "the next policy version is " + book.nextVersion())
                    : c.basedOn() != null && !book.versions.containsKey(c.basedOn())
                    ? reject("UNKNOWN_BASE", "no policy version " + c.basedOn())
                    : accept(new PolicyEvent.PolicyProposed(c.policy().version(), c.policy(), c.contentHash(), c.basedOn(),
                            c.reason(), c.proposedBy(), c.occurredAt()));
            case PolicyCommand.ApprovePolicy c -> approve(c, book);
            case PolicyCommand.RejectPolicy c -> {
                Entry entry = book.versions.get(c.version());
                if (entry == null || entry.status() != Status.PROPOSED) {
                    yield reject("NOT_PROPOSED", "policy version " + c.version() + " is not awaiting approval");
                }
                yield accept(new PolicyEvent.PolicyRejected(c.version(), c.rejectedBy(), c.comment(), c.occurredAt()));
            }
        };
    }

    private static Result approve(PolicyCommand.ApprovePolicy c, PolicyBook book) {
        Entry entry = book.versions.get(c.version());
        if (entry == null || entry.status() != Status.PROPOSED) {
            return reject("NOT_PROPOSED", "policy version " + c.version() + " is not awaiting approval");
        }
        if (entry.proposedBy().equals(c.approvedBy())) {
            return reject("FOUR_EYES", "a policy is approved by an admin other than the one who proposed it");
        }
        Integer challenger = entry.policy().championChallenger().challengerPolicyVersion();
        if (challenger != null && (!book.versions.containsKey(challenger) || !wasApproved(book.versions.get(challenger)))) {
            return reject("CHALLENGER_NOT_APPROVED", "the challenger policy version " + challenger
                    + " must itself have been approved (active now or before) to decide a share of the lines");
        }
        return accept(new PolicyEvent.PolicyApproved(c.version(), c.approvedBy(), entry.proposedBy(), c.comment(), c.occurredAt()),
                new PolicyEvent.PolicyActivated(c.version(), book.activeVersion, c.occurredAt()));
    }

    /** Approved in its own right by a second admin (or shipped): active now, approved, or retired after being active. */
    public static boolean wasApproved(Entry entry) {
        return entry.status() == Status.ACTIVE || entry.status() == Status.APPROVED || entry.status() == Status.RETIRED;
    }

    public static PolicyBook evolve(PolicyBook book, PolicyEvent event) {
        TreeMap<Integer, Entry> versions = new TreeMap<>(book.versions);
        Integer active = book.activeVersion;
        switch (event) {
            case PolicyEvent.PolicyInstalled e -> versions.put(e.version(),
                    new Entry(e.version(), e.policy(), e.contentHash(), Status.APPROVED, e.source(), e.source(), null, "shipped"));
            case PolicyEvent.PolicyProposed e -> versions.put(e.version(),
                    new Entry(e.version(), e.policy(), e.contentHash(), Status.PROPOSED, e.proposedBy(), null, e.basedOn(), e.reason()));
            case PolicyEvent.PolicyApproved e -> versions.computeIfPresent(e.version(), (v, entry) -> entry.withStatus(Status.APPROVED, e.approvedBy()));
            case PolicyEvent.PolicyRejected e -> versions.computeIfPresent(e.version(), (v, entry) -> entry.withStatus(Status.REJECTED, null));
            case PolicyEvent.PolicyActivated e -> {
                if (active != null) {
                    versions.computeIfPresent(active, (v, entry) -> entry.withStatus(Status.RETIRED, null));
                }
                versions.computeIfPresent(e.version(), (v, entry) -> entry.withStatus(Status.ACTIVE, null));
                active = e.version();
            }
        }
        return new PolicyBook(versions, active);
    }

    /** Events to append, or why not. */
    public sealed interface Result {
        record Accepted(List<PolicyEvent> events) implements Result {
            public Accepted {
                events = List.copyOf(events);
            }
        }

        record Rejected(Rejection rejection) implements Result {
        }
    }

    private static Result accept(PolicyEvent... events) {
        return new Result.Accepted(List.of(events));
    }

    private static Result reject(String code, String message) {
        return new Result.Rejected(Rejection.of(code, message));
    }
}
