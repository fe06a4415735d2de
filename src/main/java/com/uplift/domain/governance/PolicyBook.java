package com.uplift.domain.governance;

import com.uplift.domain.Rejection;
import com.uplift.domain.policy.ChampionChallenger;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyValidation;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The policy book's state and decider. Four-eyes: a proposal takes effect only when an admin other than its proposer
 * approves it. Versions are numbered 1, 2, 3... in proposal order and never reused.
 * <p>
 * A proposal may ask to be rolled out as the challenger of the policy in force: its approval then starts it in the
 * challenger arm for a share of the lines ({@link #challenger()}) while the champion keeps deciding the rest. Promoting
 * it is four-eyes too; ending it is one admin's safety stop (every line goes back to the champion, itself approved).
 *
 * @param challenger the challenger rolled out through the book, or null (a champion's own
 *                   {@code championChallenger} section may still name one: {@link #challengerSetting()})
 */
public record PolicyBook(SortedMap<Integer, Entry> versions, Integer activeVersion, Challenger challenger) {

    public static final PolicyBook EMPTY = new PolicyBook(new TreeMap<>(), null, null);

    /** A proposed challenger's share must leave the champion deciding most lines: a larger one is a promotion. */
    public static final int MIN_CHALLENGER_SHARE = PolicyValidation.MIN_CHALLENGER_SHARE;
    public static final int MAX_CHALLENGER_SHARE = PolicyValidation.MAX_CHALLENGER_SHARE;

    /**
     * A version deciding a share of the lines beside the champion, as approved into the challenger arm.
     *
     * @param promotionProposedBy the admin who proposed promoting it, awaiting a second admin; null when none
     */
    public record Challenger(int version, int championVersion, int sharePercent, String salt, String promotionProposedBy) {

        /** The arm split live decisions and replays use (StrategyAssignment). */
        public ChampionChallenger setting() {
            return new ChampionChallenger(sharePercent, version, salt);
        }
    }

    public enum Status { PROPOSED, APPROVED, REJECTED, ACTIVE, RETIRED }

    /** @param challengerSharePercent the share a proposal asked to be rolled out as challenger at; null: for every line */
    public record Entry(int version, Policy policy, String contentHash, Status status, String proposedBy,
                        String approvedBy, Integer basedOn, String reason, Integer challengerSharePercent) {

        Entry withStatus(Status next, String approver) {
            return new Entry(version, policy, contentHash, next, proposedBy, approver == null ? approvedBy : approver,
                    basedOn, reason, challengerSharePercent);
        }

        Entry asChallengerAt(int share) {
            return new Entry(version, policy, contentHash, status, proposedBy, approvedBy, basedOn, reason, share);
        }
    }

    public PolicyBook {
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }

    /**
     * The champion/challenger split lines are decided by: the challenger rolled out through the book, else the one the
     * champion's own policy names (null before any policy is in force).
     */
    public ChampionChallenger challengerSetting() {
        if (challenger != null) {
            return challenger.setting();
        }
        Entry champion = activeVersion == null ? null : versions.get(activeVersion);
        return champion == null ? null : champion.policy().championChallenger();
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
            case PolicyCommand.ProposePolicy c -> c.challengerSharePercent() != null ? proposeChallenger(c, book)
                    : !PolicyValidation.problems(c.policy()).isEmpty()
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
            case PolicyCommand.ProposePromotion c -> !book.isRunningChallenger(c.version())
                    ? noChallenger(c.version(), book)
                    : book.challenger.promotionProposedBy() != null
                    ? reject("PROMOTION_PROPOSED", "promoting challenger v" + c.version() + " is already proposed by "
                            + book.challenger.promotionProposedBy() + " and awaits another admin")
                    : accept(new PolicyEvent.ChallengerPromotionProposed(c.version(), c.proposedBy(), c.reason(), c.occurredAt()));
            case PolicyCommand.ApprovePromotion c -> !book.isRunningChallenger(c.version())
                    ? noChallenger(c.version(), book)
                    : book.challenger.promotionProposedBy() == null
                    ? reject("NOT_PROPOSED", "no promotion of challenger v" + c.version() + " is awaiting approval")
                    : book.challenger.promotionProposedBy().equals(c.approvedBy())
                    ? reject("FOUR_EYES", "a promotion is approved by an admin other than the one who proposed it")
                    : accept(new PolicyEvent.ChallengerEnded(c.version(), PROMOTED, c.approvedBy(), c.comment(), c.occurredAt()),
                             new PolicyEvent.PolicyActivated(c.version(), book.activeVersion, c.occurredAt()));
            case PolicyCommand.EndChallenger c -> !book.isRunningChallenger(c.version())
                    ? noChallenger(c.version(), book)
                    : accept(new PolicyEvent.ChallengerEnded(c.version(), ENDED, c.endedBy(), c.comment(), c.occurredAt()));
        };
    }

    public static final String PROMOTED = "PROMOTED";
    public static final String ENDED = "ENDED";

    /** The same checks as any proposal, plus the share and that no other challenger is running. */
    private static Result proposeChallenger(PolicyCommand.ProposePolicy c, PolicyBook book) {
        int share = c.challengerSharePercent();
        Optional<Rejection> outOfRange = challengerShareProblem(share);
        if (outOfRange.isPresent()) {
            return new Result.Rejected(outOfRange.get());
        }
        if (book.runsAChallenger()) {
            return challengerRunning(book);
        }
        Result proposal = decide(new PolicyCommand.ProposePolicy(c.policy(), c.contentHash(), c.basedOn(), c.reason(),
                c.proposedBy(), null, c.occurredAt()), book);
        if (proposal instanceof Result.Accepted accepted) {
            List<PolicyEvent> events = new java.util.ArrayList<>(accepted.events());
            events.add(new PolicyEvent.ChallengerRolloutRequested(c.policy().version(), share, c.occurredAt()));
            return new Result.Accepted(events);
        }
        return proposal;
    }

    /** Why a challenger share cannot be proposed (asked before a costly fit, too); empty when it can. */
    public static Optional<Rejection> challengerShareProblem(int share) {
        return share >= MIN_CHALLENGER_SHARE && share <= MAX_CHALLENGER_SHARE ? Optional.empty()
                : Optional.of(Rejection.of("CHALLENGER_SHARE_OUT_OF_RANGE", "a challenger decides " + MIN_CHALLENGER_SHARE
                        + ".." + MAX_CHALLENGER_SHARE + "% of the lines (a larger share is a promotion), not " + share + "%"));
    }

    /** A challenger rolled out through the book, or one the champion's own section names, decides a share now. */
    private boolean runsAChallenger() {
        ChampionChallenger setting = challengerSetting();
        return challenger != null || setting != null && setting.challengerPolicyVersion() != null
                && setting.challengerSharePercent() > 0;
    }

    private boolean isRunningChallenger(int version) {
        return challenger != null && challenger.version() == version;
    }

    private static Result challengerRunning(PolicyBook book) {
        ChampionChallenger setting = book.challengerSetting();
        String running = "policy v" + setting.challengerPolicyVersion() + " is already the challenger for "
                + setting.challengerSharePercent() + "% of the lines";
        // A challenger the champion's own section names has no rollout to promote or end: a new champion replaces it.
        return reject("CHALLENGER_RUNNING", book.challenger != null ? running + ": promote or end it first"
                : running + ", named by champion v" + book.activeVersion + "'s own championChallenger section: propose and"
                        + " approve a champion without it (no challengerPolicyVersion) first");
    }

    private static Result noChallenger(int version, PolicyBook book) {
        ChampionChallenger setting = book.challengerSetting();
        String named = setting == null || setting.challengerPolicyVersion() == null || setting.challengerSharePercent() == 0 ? null
                : " (none is rolled out through the policy book; champion v" + book.activeVersion + "'s own section names v"
                        + setting.challengerPolicyVersion() + ": approve a champion without it to end that)";
        return reject("NOT_THE_CHALLENGER", "policy v" + version + " is not the running challenger"
                + (book.challenger != null ? " (v" + book.challenger.version() + " is)" : named != null ? named : " (none is running)"));
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
        PolicyEvent.PolicyApproved approved = new PolicyEvent.PolicyApproved(c.version(), c.approvedBy(), entry.proposedBy(),
                c.comment(), c.occurredAt());
        if (entry.challengerSharePercent() != null) {
            // The champion keeps deciding the rest; the salt is the version's own, so no earlier experiment's arm is reused.
            return book.runsAChallenger() ? challengerRunning(book)
                    : accept(approved, new PolicyEvent.ChallengerStarted(c.version(), book.activeVersion,
                            entry.challengerSharePercent(), "challenger-v" + c.version(), c.occurredAt()));
        }
        if (book.challenger != null) {
            // A new champion would silently change what the running experiment compares against.
            return challengerRunning(book);
        }
        return accept(approved, new PolicyEvent.PolicyActivated(c.version(), book.activeVersion, c.occurredAt()));
    }

    /** Approved in its own right by a second admin (or shipped): active now, approved, or retired after being active. */
    public static boolean wasApproved(Entry entry) {
        return entry.status() == Status.ACTIVE || entry.status() == Status.APPROVED || entry.status() == Status.RETIRED;
    }

    public static PolicyBook evolve(PolicyBook book, PolicyEvent event) {
        TreeMap<Integer, Entry> versions = new TreeMap<>(book.versions);
        Integer active = book.activeVersion;
        Challenger challenger = book.challenger;
        switch (event) {
            case PolicyEvent.PolicyInstalled e -> versions.put(e.version(),
                    new Entry(e.version(), e.policy(), e.contentHash(), Status.APPROVED, e.source(), e.source(), null, "shipped", null));
            case PolicyEvent.PolicyProposed e -> versions.put(e.version(),
                    new Entry(e.version(), e.policy(), e.contentHash(), Status.PROPOSED, e.proposedBy(), null, e.basedOn(), e.reason(), null));
            case PolicyEvent.ChallengerRolloutRequested e ->
                    versions.computeIfPresent(e.version(), (v, entry) -> entry.asChallengerAt(e.challengerSharePercent()));
            case PolicyEvent.ChallengerStarted e ->
                    challenger = new Challenger(e.version(), e.championVersion(), e.challengerSharePercent(), e.salt(), null);
            case PolicyEvent.ChallengerPromotionProposed e -> challenger = challenger == null ? null
                    : new Challenger(challenger.version(), challenger.championVersion(), challenger.sharePercent(),
                            challenger.salt(), e.proposedBy());
            case PolicyEvent.ChallengerEnded e -> challenger = null;
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
        return new PolicyBook(versions, active, challenger);
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
