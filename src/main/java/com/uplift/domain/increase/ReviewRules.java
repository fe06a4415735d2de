package com.uplift.domain.increase;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.OwnBookKnockout;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskInputs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reviewer's approval must pass, written once as values: each rule names itself, the refusal it answers with
 * and its check. The same list refuses (the first rule that fails, in list order) and explains (every rule, with the
 * values it was checked on, recorded in the review). A rules version is a list: v1 is what was recorded before
 * reviewers were bounded by the increase band; v2 checks in refusal order and ends with the band, the only rule an
 * override reason can pass, so a reviewer hears about it only when nothing else stands in the way.
 * <p>
 * A rule may rely on the rules before it in its list having passed (affordability reads the income that
 * {@code INCOME_VERIFIED} found usable).
 */
public final class ReviewRules {

    /** The highest review level (senior risk officer): the only one that may approve above the increase band. */
    public static final int TOP_REVIEW_LEVEL = 2;

    /**
     * What an approval is checked on.
     *
     * @param previousApproval    what the level before approved; null at the first level
     * @param requestMaxLimit     the maximum the request was sized against; null when it could not be sized
     * @param borrowerOtherLimits the borrower's other lines as recorded with the request; null when unknown
     * @param borrowerMax         the product maximum less the borrower's other lines
     * @param rules               the segment's increase rules (product maximum, band, rounding, ceilings)
     * @param blockingFlags       active WARNING and SEVERE flags
     * @param overrideReason      the reviewer's reason to approve above the band; null when none was given
     * @param line                the line's facts at review time (its lateness and write-off), for the knock-outs
     * @param badRecord           what the policy counts as an own-book bad record
     * @param affordabilityOthers what the borrower's other lines take from the affordability cap (rules v4); zero
     *                            under earlier rules, which capped each line alone
     */
    public record ReviewCase(int level, BigDecimal approvedLimit, BigDecimal currentLimit, BigDecimal previousApproval,
                             BigDecimal requestedLimit, BigDecimal requestMaxLimit, BigDecimal borrowerOtherLimits,
                             BigDecimal borrowerMax, IncreaseRules rules, RiskInputs inputs, RiskAssessment assessment,
                             List<String> blockingFlags, BigDecimal arrears, OverrideReason overrideReason,
                             CreditFacts line, OwnBookKnockout badRecord, BigDecimal affordabilityOthers) {
        public ReviewCase {
            blockingFlags = List.copyOf(blockingFlags);
        }

        /** A case as rules v1-v3 see it: affordability per line, no knock-out re-checked (so no line facts needed). */
        public ReviewCase(int level, BigDecimal approvedLimit, BigDecimal currentLimit, BigDecimal previousApproval,
                          BigDecimal requestedLimit, BigDecimal requestMaxLimit, BigDecimal borrowerOtherLimits,
                          BigDecimal borrowerMax, IncreaseRules rules, RiskInputs inputs, RiskAssessment assessment,
                          List<String> blockingFlags, BigDecimal arrears, OverrideReason overrideReason) {
            this(level, approvedLimit, currentLimit, previousApproval, requestedLimit, requestMaxLimit,
                    borrowerOtherLimits, borrowerMax, rules, inputs, assessment, blockingFlags, arrears, overrideReason,
                    null, null, BigDecimal.ZERO);
        }

        public BigDecimal increaseBand() {
            return ReviewRules.increaseBand(currentLimit, rules);
        }

        boolean aboveBand() {
            return approvedLimit.compareTo(increaseBand()) > 0;
        }

        String band() {
            return increaseBand() + " (" + currentLimit + " + " + rules.maxIncreasePct() + "%)";
        }
    }

    /** A rule's finding: what it was checked on when it passes, why the approval is refused when it fails. */
    public record Check(boolean passed, String detail) {
        static Check pass(String detail) {
            return new Check(true, detail);
        }

        static Check fail(String why) {
            return new Check(false, why);
        }
    }

    /** One rule: its name in the explanation, the refusal code when it fails, and the check. */
    public record ReviewRule(String name, String refusal, Function<ReviewCase, Check> check) {
    }

    /** The outcome of checking an approval. */
    public sealed interface ReviewVerdict {
        /** The first rule that failed: its refusal code and why. */
        record Refused(String rule, String code, String message) implements ReviewVerdict {
        }

        /**
         * Every rule passed.
         *
         * @param levelsRequired the review levels the approved amount needs (the top level above the band)
         */
        record Passed(List<RuleResult> checks, int levelsRequired) implements ReviewVerdict {
            public Passed {
                checks = List.copyOf(checks);
            }
        }
    }

    // ---------------------------------------------------------------- the rules

    static final ReviewRule ABOVE_CURRENT_LIMIT = new ReviewRule("APPROVED_ABOVE_CURRENT_LIMIT", "INVALID_APPROVED_LIMIT",
            c -> c.approvedLimit().compareTo(c.currentLimit()) > 0
                    ? Check.pass(c.approvedLimit() + " > " + c.currentLimit())
                    : Check.fail("approved " + c.approvedLimit() + " is not above the current limit " + c.currentLimit()));

    static final ReviewRule MULTIPLE_OF_ROUNDING_UNIT = new ReviewRule("MULTIPLE_OF_ROUNDING_UNIT", "INVALID_APPROVED_LIMIT",
            c -> c.approvedLimit().compareTo(IncreaseSizer.roundDown(c.approvedLimit(), c.rules().roundingUnit())) == 0
                    ? Check.pass(c.approvedLimit() + " is a multiple of " + c.rules().roundingUnit())
                    : Check.fail("approved " + c.approvedLimit() + " is not a multiple of " + c.rules().roundingUnit()));

    static final ReviewRule WITHIN_PRODUCT_MAX = new ReviewRule("WITHIN_PRODUCT_MAX", "ABOVE_PRODUCT_MAX",
            c -> c.approvedLimit().compareTo(c.rules().productMaxLimit()) <= 0
                    ? Check.pass(c.approvedLimit() + " <= " + c.rules().productMaxLimit())
                    : Check.fail("approved " + c.approvedLimit() + " exceeds the product maximum " + c.rules().productMaxLimit()));

    /** The per-borrower maximum, as the request recorded it and as it was sized: no override passes it. */
    static final ReviewRule WITHIN_BORROWER_MAX = new ReviewRule("WITHIN_BORROWER_MAX", "ABOVE_BORROWER_MAX", c -> {
        BigDecimal cap = c.approvedLimit().compareTo(c.borrowerMax()) > 0 ? c.borrowerMax()
                : c.requestMaxLimit() != null && c.approvedLimit().compareTo(c.requestMaxLimit()) > 0 ? c.requestMaxLimit()
                : null;
        return cap == null
                ? Check.pass(c.approvedLimit() + " <= " + c.borrowerMax() + " (other lines: "
                + (c.borrowerOtherLimits() == null ? "unknown" : c.borrowerOtherLimits()) + ")")
                : Check.fail("approved " + c.approvedLimit() + " exceeds " + cap
                + ": the product maximum less the borrower's other lines");
    });

    static final ReviewRule WITHIN_REQUESTED = new ReviewRule("WITHIN_REQUESTED", "ABOVE_REQUESTED",
            c -> c.requestedLimit() == null ? Check.pass("no limit requested")
                    : c.approvedLimit().compareTo(c.requestedLimit()) <= 0
                    ? Check.pass(c.approvedLimit() + " <= " + c.requestedLimit())
                    : Check.fail("approved " + c.approvedLimit() + " exceeds the " + c.requestedLimit()
                    + " the borrower asked for"));

    /** A reviewer may size differently from the model, but never beyond what verified income can carry. */
    static final ReviewRule INCOME_VERIFIED = new ReviewRule("INCOME_VERIFIED", "AFFORDABILITY_UNKNOWN",
            c -> c.inputs().usable(RiskInputs.INCOME) ? Check.pass("usable")
                    : Check.fail("verify the borrower's income before approving: " + problems(c, RiskInputs.INCOME)));

    /**
     * The pilot's rules bind reviewers too: no approval without a usable bureau report (a referral for stale data is
     * resolved by refreshing it, not by waving it through), below the minimum score or on a knock-out.
     */
    static final ReviewRule BUREAU_REPORT_USABLE = new ReviewRule("BUREAU_REPORT_USABLE", "BUREAU_REPORT_REQUIRED",
            c -> c.inputs().usable(RiskInputs.BUREAU_REPORT) ? Check.pass("present and fresh")
                    : Check.fail("attach a current bureau report before approving: " + problems(c, RiskInputs.BUREAU_REPORT)));

    static final ReviewRule MIN_SCORE = new ReviewRule("MIN_SCORE", "NO_LONGER_ELIGIBLE",
            c -> c.assessment().score() >= c.rules().minScore()
                    ? Check.pass("score " + c.assessment().score() + " >= " + c.rules().minScore())
                    : Check.fail(noLongerEligible(c)));

    static final ReviewRule NO_KNOCK_OUT = new ReviewRule("NO_KNOCK_OUT", "NO_LONGER_ELIGIBLE",
            c -> c.assessment().knockOuts().isEmpty() ? Check.pass("none") : Check.fail(noLongerEligible(c)));

    /**
     * Rules v4: the knock-outs bind reviewers on the state at review time, as they bind the model at request time. A
     * referral made before a bad record arrived (a bureau negative, 30+ days past due, a write-off) is declined, not
     * approved; the refusal names the knock-out, which no override reason passes. The same check as the request's
     * ({@link IncreaseEligibility}), so the two cannot disagree about what a bad record is.
     */
    static final ReviewRule NO_NEGATIVE_BUREAU_RECORD = new ReviewRule("NO_NEGATIVE_BUREAU_RECORD", "NEGATIVE_BUREAU_RECORD",
            c -> knockOut(IncreaseEligibility.noNegativeBureauRecord(c.inputs())));

    static final ReviewRule NO_OWN_BOOK_BAD_RECORD = new ReviewRule("NO_OWN_BOOK_BAD_RECORD", IncreaseEligibility.OWN_BOOK_BAD_RECORD,
            // in the v4 list only: the history read as rules v4 read it (a later list that reads it otherwise is a new list)
            c -> knockOut(IncreaseEligibility.noOwnBookBadRecord(c.line(), c.inputs(), c.badRecord(), 4)));

    /** Affordability: no override passes it. */
    static final ReviewRule WITHIN_AFFORDABILITY = new ReviewRule("WITHIN_AFFORDABILITY", "ABOVE_AFFORDABILITY", c -> {
        BigDecimal income = c.inputs().affordabilityIncome();
        BigDecimal affordability = c.rules().affordabilityMultiple().multiply(income);
        String cap = affordability.setScale(2, RoundingMode.HALF_EVEN).toString();
        return c.approvedLimit().compareTo(affordability) <= 0
                ? Check.pass(c.approvedLimit() + " <= " + c.rules().affordabilityMultiple() + " x "
                + income.setScale(2, RoundingMode.HALF_EVEN) + " = " + cap)
                : Check.fail("approved " + c.approvedLimit() + " exceeds " + c.rules().affordabilityMultiple()
                + " x verified monthly income = " + cap);
    });

    /**
     * Affordability per borrower (rules v4): the income multiple caps what all of the borrower's lines expose, so this
     * line may take only what the other lines leave of it. No override passes it.
     */
    static final ReviewRule WITHIN_BORROWER_AFFORDABILITY = new ReviewRule("WITHIN_AFFORDABILITY", "ABOVE_AFFORDABILITY", c -> {
        BigDecimal income = c.inputs().affordabilityIncome();
        BigDecimal affordability = c.rules().affordabilityMultiple().multiply(income).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal left = affordability.subtract(c.affordabilityOthers()).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_EVEN);
        String cap = c.rules().affordabilityMultiple() + " x " + income.setScale(2, RoundingMode.HALF_EVEN) + " = "
                + affordability + " less the borrower's other lines " + c.affordabilityOthers() + " = " + left;
        return c.approvedLimit().compareTo(left) <= 0
                ? Check.pass(c.approvedLimit() + " <= " + cap)
                : Check.fail("approved " + c.approvedLimit() + " exceeds the affordability the borrower has left: " + cap);
    });

    static final ReviewRule NOT_ABOVE_PREVIOUS_APPROVAL = new ReviewRule("NOT_ABOVE_PREVIOUS_APPROVAL", "ABOVE_PREVIOUS_APPROVAL",
            c -> c.previousApproval() == null ? Check.pass("first level")
                    : c.approvedLimit().compareTo(c.previousApproval()) <= 0
                    ? Check.pass(c.approvedLimit() + " <= " + c.previousApproval())
                    : Check.fail("level " + c.level() + " cannot approve more than level " + (c.level() - 1)
                    + " did (" + c.previousApproval() + ")"));

    /** A line that became past due or flagged WARNING/SEVERE since the referral is declined, not approved. */
    static final ReviewRule NOT_PAST_DUE = new ReviewRule("NOT_PAST_DUE", "NO_LONGER_ELIGIBLE",
            c -> c.inputs().currentDaysPastDue() > 0 || c.arrears().signum() > 0 ? Check.fail(becameIneligible(c))
                    : Check.pass("0 days past due, no arrears"));

    static final ReviewRule NO_BLOCKING_WARNING = new ReviewRule("NO_BLOCKING_WARNING", "NO_LONGER_ELIGIBLE",
            c -> c.blockingFlags().isEmpty() ? Check.pass("no WARNING or SEVERE flag") : Check.fail(becameIneligible(c)));

    /**
     * The policy's maximum increase binds reviewers as it binds the model: above it, only the top level approves, and
     * only with a reason from the closed set. A lower level may recommend it with a reason, which brings in the top
     * level; the top level must then give its own.
     */
    static final ReviewRule WITHIN_INCREASE_BAND = new ReviewRule("WITHIN_INCREASE_BAND", "ABOVE_INCREASE_BAND", c -> {
        if (!c.aboveBand()) {
            return Check.pass(c.approvedLimit() + " <= " + c.band());
        }
        if (c.overrideReason() == null) {
            return Check.fail("approved " + c.approvedLimit() + " is above the increase band " + c.band()
                    + ": only level " + TOP_REVIEW_LEVEL + " approves above it, with an override reason ("
                    + Arrays.stream(OverrideReason.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
        return Check.pass(c.approvedLimit() + " > " + c.band() + ": override " + c.overrideReason()
                + (c.level() >= TOP_REVIEW_LEVEL ? " at level " + c.level()
                : " recommended at level " + c.level() + ", level " + TOP_REVIEW_LEVEL + " must confirm"));
    });

    /**
     * What was recorded before reviewers were bounded by the band, in the order it was recorded. Only re-verification
     * decides under v1, on reviews that passed every rule, so v1's order of refusal (bureau before income) never
     * reaches a reviewer.
     */
    private static final List<ReviewRule> V1 = List.of(ABOVE_CURRENT_LIMIT, MULTIPLE_OF_ROUNDING_UNIT, WITHIN_PRODUCT_MAX,
            WITHIN_BORROWER_MAX, WITHIN_REQUESTED, BUREAU_REPORT_USABLE, MIN_SCORE, NO_KNOCK_OUT, INCOME_VERIFIED,
            WITHIN_AFFORDABILITY, NOT_ABOVE_PREVIOUS_APPROVAL, NOT_PAST_DUE, NO_BLOCKING_WARNING);

    /**
     * Refusal order: the amount's own limits, then the data a judgement needs (income before the bureau: the score
     * without usable income is low for want of data, and "verify income" is the useful answer), then eligibility,
     * affordability, the previous level, the line's condition, and last the band.
     */
    private static final List<ReviewRule> V2 = List.of(ABOVE_CURRENT_LIMIT, MULTIPLE_OF_ROUNDING_UNIT, WITHIN_PRODUCT_MAX,
            WITHIN_BORROWER_MAX, WITHIN_REQUESTED, INCOME_VERIFIED, BUREAU_REPORT_USABLE, MIN_SCORE, NO_KNOCK_OUT,
            WITHIN_AFFORDABILITY, NOT_ABOVE_PREVIOUS_APPROVAL, NOT_PAST_DUE, NO_BLOCKING_WARNING, WITHIN_INCREASE_BAND);

    /**
     * Rules v4: v2's list with the knock-outs right after the amount's own limits (a bad record ends the matter: no
     * verified income or fresh report could change it, so the reviewer hears of it first, by name), and affordability
     * per borrower (the other lines at review time) instead of per line.
     */
    private static final List<ReviewRule> V4 = List.of(ABOVE_CURRENT_LIMIT, MULTIPLE_OF_ROUNDING_UNIT, WITHIN_PRODUCT_MAX,
            WITHIN_BORROWER_MAX, WITHIN_REQUESTED, NO_NEGATIVE_BUREAU_RECORD, NO_OWN_BOOK_BAD_RECORD, INCOME_VERIFIED,
            BUREAU_REPORT_USABLE, MIN_SCORE, NO_KNOCK_OUT, WITHIN_BORROWER_AFFORDABILITY, NOT_ABOVE_PREVIOUS_APPROVAL,
            NOT_PAST_DUE, NO_BLOCKING_WARNING, WITHIN_INCREASE_BAND);

    private ReviewRules() {
    }

    /**
     * The highest limit a review may approve without an override: the current limit plus the policy's maximum
     * increase (the segment's), rounded down to the rounding unit like every limit.
     */
    public static BigDecimal increaseBand(BigDecimal currentLimit, IncreaseRules rules) {
        BigDecimal raised = currentLimit.multiply(BigDecimal.valueOf(100).add(rules.maxIncreasePct()))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
        return IncreaseSizer.roundDown(raised, rules.roundingUnit());
    }

    /** The rules an approval is checked against under a decider rules version. */
    public static List<ReviewRule> forVersion(int rulesVersion) {
        return DeciderRules.reviewsRecheckKnockouts(rulesVersion) || DeciderRules.exposurePerBorrower(rulesVersion) ? V4
                : DeciderRules.reviewsBoundedByIncreaseBand(rulesVersion) ? V2 : V1;
    }

    public static ReviewVerdict evaluate(ReviewCase approval, int rulesVersion) {
        List<RuleResult> checks = new ArrayList<>();
        for (ReviewRule rule : forVersion(rulesVersion)) {
            Check check = rule.check().apply(approval);
            if (!check.passed()) {
                return new ReviewVerdict.Refused(rule.name(), rule.refusal(), check.detail());
            }
            checks.add(new RuleResult(rule.name(), RuleStatus.PASS, RuleEffect.DECLINE, null, check.detail()));
        }
        int levels = approval.rules().reviewLevelsFor(approval.approvedLimit());
        if (DeciderRules.reviewsBoundedByIncreaseBand(rulesVersion) && approval.aboveBand()) {
            levels = TOP_REVIEW_LEVEL;
        }
        return new ReviewVerdict.Passed(checks, levels);
    }

    /** A knock-out rule's result as a review check: only a FAIL refuses (an UNKNOWN bureau is BUREAU_REPORT_USABLE's). */
    private static Check knockOut(RuleResult result) {
        return result.status() == RuleStatus.FAIL
                ? Check.fail(result.detail() + " since the referral: a knock-out, decline instead (" + result.rule() + ")")
                : Check.pass(result.status() == RuleStatus.PASS ? result.detail() : "no knock-out known: " + result.detail());
    }

    private static String problems(ReviewCase c, String input) {
        return c.inputs().dataQuality().stream().filter(i -> i.input().equals(input))
                .map(i -> i.problem() + " " + i.detail()).toList().toString();
    }

    private static String noLongerEligible(ReviewCase c) {
        return "score " + c.assessment().score() + " (minimum " + c.rules().minScore() + ")"
                + (c.assessment().knockOuts().isEmpty() ? "" : ", knock-outs " + c.assessment().knockOuts())
                + ": decline instead";
    }

    private static String becameIneligible(ReviewCase c) {
        return "the line became past due or carries " + c.blockingFlags() + " since the referral: decline instead";
    }
}
