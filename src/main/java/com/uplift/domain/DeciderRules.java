package com.uplift.domain;

import java.time.Duration;

/**
 * The version of the decider's own rules: the behaviour written in code rather than in the policy document. Every
 * decision event names it beside the policy version and content hash, because a decision follows from both: the
 * same policy under different code can decide differently, and re-verification must then re-decide an old decision
 * under the rules it was made with instead of reporting the difference as tampering.
 * <p>
 * Raise {@link #CURRENT} with every change to the code that would make a recorded decision come out differently, and
 * keep the older behaviour reachable by version (as {@link #reviewsBoundedByIncreaseBand(int)} does) for as long as
 * decisions made under it must be re-verified. A build that no longer carries an old behaviour raises
 * {@link #OLDEST_SUPPORTED}; verification then reports those decisions as "not re-decidable by this build", never
 * as mismatches. docs/audit.md explains this to auditors.
 *
 * <table>
 *     <caption>versions</caption>
 *     <tr><th>version</th><th>what changed</th></tr>
 *     <tr><td>1</td><td>the first release: every decision recorded before rules versions existed</td></tr>
 *     <tr><td>2</td><td>reviewers are bounded by the policy: an approval above the increase band (the policy's maximum
 *     increase of the current limit) needs the top review level and an override reason code; the review's checks are
 *     recorded in the order they are applied (issue 11, item 5)</td></tr>
 *     <tr><td>3</td><td>service notes are read for negation and compounds ({@code NoteSignalReader}): a negated term
 *     ("没有失业", "no fraud"), a term inside a compound ("反欺诈", the product's own "本网贷") or a bare stem ("fire"
 *     for "fired") raises no signal, and each signal records its spans and the analyzer with its library version
 *     (issue 11, item 7); "no bad record" includes the lender's own book (30+ days past due in the last
 *     {@value #OWN_BOOK_LOOKBACK_MONTHS} months declines an increase), lateness known only from servicing delinquency
 *     reports counts as a late instalment, and the price moves only on an assessment with every input fresh, recording
 *     why (issue 11, items 3 and 4); a declined or referred increase quotes at most {@value #MAX_PRINCIPAL_REASONS}
 *     principal reasons from the closed set {@code AdverseActionReason}: knock-outs first, then the scorecard's
 *     characteristics by points lost against the best bin (when the score is below the minimum), then the other
 *     refusals, a composite {@code INSUFFICIENT_DATA:...} code split per input; the full rule list stays in the
 *     decision's checks (issue 11, item 6)</td></tr>
 *     <tr><td>5</td><td>limits decrease on deterioration and tiers move ({@link #limitsDecreaseOnDeterioration(int)}):
 *     under a policy with a {@code decreases} section, a trigger that holds after a command's events (days past due,
 *     a warning of a severity, bureau negatives, an income drop) decreases the limit, never below the drawn balance,
 *     automatically or through review as the trigger says, and freezes increases for the section's cooling-off
 *     period (an increase request inside it is declined, {@code LIMIT_DECREASE}); under a policy with a
 *     {@code tiering} section the line's tier (segment) is re-evaluated after every re-assessment and moves with
 *     {@code TierChanged}, and operations may set it by hand (issue 14, parts 2 and 3)</td></tr>
 *     <tr><td>5</td><td>提额名单, the increase list ({@link #increaseOffers(int)}): a scan offers an increase to every
 *     line that qualifies under a requested increase's own eligibility and sizing and the policy's {@code offers}
 *     section, and withdraws a live offer whose line no longer qualifies; accepting an offer is an increase request
 *     approved at the offered limit on the offer's own evaluation when nothing material changed since it, and decided
 *     afresh otherwise (issue 14, part 1)</td></tr>
 * </table>
 */
public final class DeciderRules {

    /** The rules this build decides new commands under. */
    public static final int CURRENT = 5;

    /** The oldest rules this build can still decide under; older decisions are reported as not re-decidable. */
    public static final int OLDEST_SUPPORTED = 1;

    // ---- constants the rules version governs: changing one changes decisions, so it needs a new version.

    /**
     * Months of history kept while folding a line's events (longer than any window in a policy: 12-month lookback,
     * 6-month income window, 90-day score and note windows). Folding does not know a rules version, so this may only
     * grow: a longer memory keeps every window's content, a shorter one would change old states.
     */
    public static final int HISTORY_HORIZON_MONTHS = 26;

    /** How long a score can still be a score-drop window's high; like the history horizon, it may only grow. */
    public static final Duration SCORE_MEMORY = Duration.ofDays(400);

    /** Adverse-action notices quote at most four principal reasons. */
    public static final int MAX_PRINCIPAL_REASONS = 4;

    /**
     * Rules v3's own-book bad record: a line that was this many days past due or more within
     * {@link #OWN_BOOK_LOOKBACK_MONTHS} has a bad record. 30+ DPD is the industry's "ever 30+" bad definition (the
     * delinquency benchmark the scorecard already uses); docs/policy.md gives the why. A policy may set its own
     * ({@code ownBookKnockout}); these are the defaults for every policy that does not, policy v1 among them, so they
     * can no more change than a published policy can.
     */
    public static final int OWN_BOOK_BAD_RECORD_DAYS_PAST_DUE = 30;

    /** How far back rules v3 look for an own-book bad record: one year, the scorecard's lookback. */
    public static final int OWN_BOOK_LOOKBACK_MONTHS = 12;

    private DeciderRules() {
    }

    public static boolean canDecide(int rulesVersion) {
        return rulesVersion >= OLDEST_SUPPORTED && rulesVersion <= CURRENT;
    }

    /** From v2 on, a review approval above the increase band needs the top level and an override reason. */
    public static boolean reviewsBoundedByIncreaseBand(int rulesVersion) {
        return rulesVersion >= 2;
    }

    /** From v3 on, notes are read with negation, compounds and phrases; v1/v2 keep the stemmed keyword reader. */
    public static boolean negationAwareNoteSignals(int rulesVersion) {
        return rulesVersion >= 3;
    }

    /** From v3 on, 30+ days past due on the lender's own book in the last 12 months declines an increase. */
    public static boolean ownBookBadRecordKnocksOut(int rulesVersion) {
        return rulesVersion >= 3;
    }

    /**
     * From v4 on, a review approval re-checks the bureau and own-book knock-outs on the state at review time, and is
     * refused naming the knock-out; v1-v3 reviews checked only the score's knock-outs (bureau negatives, inside
     * {@code MIN_SCORE}/{@code NO_KNOCK_OUT}), so a bad record on our own book arriving after the referral did not stop
     * an approval.
     */
    public static boolean reviewsRecheckKnockouts(int rulesVersion) {
        return rulesVersion >= 4;
    }

    /** From v3 on, an instalment known to be late only from a servicing delinquency report counts as late. */
    public static boolean reportedLatenessCountsAsLate(int rulesVersion) {
        return rulesVersion >= 3;
    }

    /** From v3 on, a declined or referred increase quotes at most four ranked codes of a closed set (PrincipalReasons). */
    public static boolean rankedPrincipalReasons(int rulesVersion) {
        return rulesVersion >= 3;
    }

    /** From v3 on, the grade (and APR) moves only on an assessment without data-quality issues, with a reason. */
    public static boolean pricesOnlyOnFreshEvidence(int rulesVersion) {
        return rulesVersion >= 3;
    }

    /**
     * From v4 on, the borrower is the unit of exposure: an increase is sized and a review approved so that all of the
     * borrower's lines (other lines at their limit or pending proposed limit) stay within the income multiple, and a
     * review re-checks the maximum and affordability against the other lines as they are at review time. v1-v3 capped
     * affordability per line and reviewed against the other lines recorded with the request.
     */
    public static boolean exposurePerBorrower(int rulesVersion) {
        return rulesVersion >= 4;
    }

    /**
     * From v5 on, lines are offered increases by the scan (IncreaseOffered, IncreaseOfferWithdrawn) and an accepted
     * offer is honoured when nothing material changed since it (IncreaseOfferAccepted): a request can be decided on an
     * earlier evaluation. v1-v4 knew no offers, so neither command can be decided under them.
     */
    public static boolean increaseOffers(int rulesVersion) {
        return rulesVersion >= 5;
    }

    /**
     * From v4 on, the newest business date of each kind of servicing fact wins, whatever order facts arrive in: an
     * older fact is history, never the current state. v1-v3 read the delinquency report that arrived last as the
     * current one (a late report dated months ago could cure a line that is past due today).
     */
    public static boolean newestBusinessDateWins(int rulesVersion) {
        return rulesVersion >= 4;
    }

    /**
     * From v5 on, a policy's {@code decreases} section acts: a trigger that holds after a command's events decreases
     * the limit (automatically or through review) and freezes increases for its cooling-off period; and its
     * {@code tiering} section moves the line's tier after a re-assessment, and a tier may be set by hand. v1-v4 never
     * lowered a limit and kept the segment a line opened with, whatever the policy said.
     */
    public static boolean limitsDecreaseOnDeterioration(int rulesVersion) {
        return rulesVersion >= 5;
    }

    /** From v5 on, a line's tier (segment) moves by the policy's {@code tiering} rules or by hand; see above. */
    public static boolean tiersMove(int rulesVersion) {
        return rulesVersion >= 5;
    }
}
