package com.uplift.domain.increase;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.OwnBookKnockout;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.warning.WarningFlag;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates every increase rule, in a fixed order, and turns the results into an outcome:
 * <ol>
 *     <li>any DECLINE rule that FAILS on reliable data -> DECLINED (a referral could not change it);</li>
 *     <li>else any rule UNKNOWN because its input is missing, stale or contradictory -> REFERRED, INSUFFICIENT_DATA:input;</li>
 *     <li>else any REFER rule that fails (a WATCH flag, a limit above the automatic ceiling) -> REFERRED;</li>
 *     <li>else APPROVED automatically.</li>
 * </ol>
 * The verdict's reasons are what the customer is told: under rules v3 at most four ranked principal reasons
 * ({@link PrincipalReasons}), under v1/v2 every failing rule's code in rule order. The rules themselves, all of them,
 * are what officers and auditors read.
 */
public final class IncreaseEligibility {

    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    /** The reason code of rules v3's own-book knock-out. */
    public static final String OWN_BOOK_BAD_RECORD = "OWN_BOOK_BAD_RECORD";

    /** The reason code of rules v5's freeze after a limit decrease. */
    public static final String LIMIT_DECREASE = "LIMIT_DECREASE";

    private IncreaseEligibility() {
    }

    /**
     * @param affordabilityOthers what the borrower's other lines take from the affordability cap (rules v4: the income
     *                            multiple caps the borrower, not the line); zero to cap the line alone
     */
    public static IncreaseVerdict evaluate(CreditFacts line, BigDecimal requestedLimit, RiskInputs in,
                                           RiskAssessment assessment, Collection<WarningFlag> flags,
                                           IncreaseRules rules, OwnBookKnockout badRecord, BigDecimal affordabilityOthers,
                                           Instant now,
                                           int rulesVersion) {
        return evaluate(line, requestedLimit, in, assessment, flags, rules, badRecord, affordabilityOthers, now, null,
                rulesVersion);
    }

    /**
     * @param decreases the line's decreases (rules v5, under a policy with a decreases section): a decrease applied
     *                  in its cooling-off, or one waiting for review, declines the increase ({@code LIMIT_DECREASE});
     *                  null: not checked (earlier rules, or a policy without decreases)
     */
    public static IncreaseVerdict evaluate(CreditFacts line, BigDecimal requestedLimit, RiskInputs in,
                                           RiskAssessment assessment, Collection<WarningFlag> flags,
                                           IncreaseRules rules, OwnBookKnockout badRecord, BigDecimal affordabilityOthers,
                                           Instant now, DecreaseFreeze decreases, int rulesVersion) {
        List<RuleResult> results = new ArrayList<>();
        results.add(minScore(assessment, rules));
        results.add(noNegativeBureauRecord(in));
        if (DeciderRules.ownBookBadRecordKnocksOut(rulesVersion)) {
            results.add(noOwnBookBadRecord(line, in, badRecord, rulesVersion));
        }
        results.add(repaymentRecordKnown(in));
        results.add(notPastDue(line, in));
        results.add(monthsOnBook(in, rules));
        results.add(coolingOff(line, rules, now));
        if (decreases != null) {
            results.add(noLimitDecrease(decreases, now));
        }
        results.add(flagRule("NO_SEVERE_WARNING", Severity.SEVERE, "SEVERE_WARNING", RuleEffect.DECLINE, flags));
        results.add(flagRule("NO_BLOCKING_WARNING", Severity.WARNING, "ACTIVE_WARNING", RuleEffect.DECLINE, flags));
        results.add(incomeVerified(in));

        Sizing sizing = in.usable(RiskInputs.INCOME)
                ? IncreaseSizer.size(line.limit(), assessment.score(), in.affordabilityIncome(), affordabilityOthers,
                requestedLimit, rules)
                : null;
        results.add(headroom(line, sizing));
        results.add(flagRule("NO_WATCH_FLAG", Severity.WATCH, "WATCH_FLAG", RuleEffect.REFER, flags));
        results.add(reviewCeiling(sizing, rules));
        return verdict(results, sizing, rules, assessment, rulesVersion);
    }

    private static IncreaseVerdict verdict(List<RuleResult> results, Sizing sizing, IncreaseRules rules,
                                           RiskAssessment assessment, int rulesVersion) {
        List<String> declines = reasons(results, RuleStatus.FAIL, RuleEffect.DECLINE);
        if (!declines.isEmpty()) {
            return new IncreaseVerdict(IncreaseOutcome.DECLINED, results,
                    customerReasons(declines, assessment, rulesVersion), sizing, null, 0);
        }
        Set<String> referrals = new LinkedHashSet<>();
        results.stream().filter(r -> r.status() == RuleStatus.UNKNOWN).map(RuleResult::reasonCode).forEach(referrals::add);
        referrals.addAll(reasons(results, RuleStatus.FAIL, RuleEffect.REFER));
        BigDecimal proposed = sizing == null ? null : sizing.proposedLimit();
        if (!referrals.isEmpty()) {
            // a referral always needs at least one human; a large limit needs the levels its amount demands
            int levels = Math.max(1, proposed == null ? 1 : rules.reviewLevelsFor(proposed));
            return new IncreaseVerdict(IncreaseOutcome.REFERRED, results,
                    customerReasons(List.copyOf(referrals), assessment, rulesVersion), sizing, proposed, levels);
        }
        return new IncreaseVerdict(IncreaseOutcome.APPROVED, results, List.of(), sizing, proposed, 0);
    }

    /** Rules v3 quote at most four ranked principal reasons; v1/v2 quoted every failing rule's code in rule order. */
    private static List<String> customerReasons(List<String> ruleCodes, RiskAssessment assessment, int rulesVersion) {
        return DeciderRules.rankedPrincipalReasons(rulesVersion) ? PrincipalReasons.rank(ruleCodes, assessment) : ruleCodes;
    }

    private static List<String> reasons(List<RuleResult> results, RuleStatus status, RuleEffect effect) {
        return results.stream().filter(r -> r.status() == status && r.effect() == effect)
                .map(RuleResult::reasonCode).distinct().toList();
    }

    /**
     * PASS when the score reaches the minimum even with unreliable inputs scored zero; FAIL when it could not reach it
     * even if every unreliable input earned its best bin; UNKNOWN in between: only then does the data decide.
     */
    private static RuleResult minScore(RiskAssessment a, IncreaseRules rules) {
        int reachable = a.knockOuts().isEmpty()
                ? a.score() + a.breakdown().stream().filter(s -> s.value() == null).mapToInt(CharacteristicScore::pointsLost).sum()
                : 0;
        String detail = "score " + a.score() + " vs minimum " + rules.minScore();
        if (a.score() >= rules.minScore()) {
            return pass("MIN_SCORE", RuleEffect.DECLINE, "SCORE_BELOW_MINIMUM", detail);
        }
        if (reachable < rules.minScore()) {
            return fail("MIN_SCORE", RuleEffect.DECLINE, "SCORE_BELOW_MINIMUM", detail + " (at most " + reachable + " with complete data)");
        }
        String inputs = a.dataQuality().stream().map(i -> i.input()).distinct().collect(Collectors.joining(","));
        return unknown("MIN_SCORE", RuleEffect.DECLINE, INSUFFICIENT_DATA + ":" + inputs,
                detail + "; could reach " + reachable + " with reliable " + inputs);
    }

    static RuleResult noNegativeBureauRecord(RiskInputs in) {
        if (!in.negativeBureauRecords().isEmpty()) {
            return fail("NO_NEGATIVE_BUREAU_RECORD", RuleEffect.DECLINE, "NEGATIVE_BUREAU_RECORD",
                    "negative records " + in.negativeBureauRecords());
        }
        if (!in.usable(RiskInputs.BUREAU_REPORT)) {
            return unknownInput("NO_NEGATIVE_BUREAU_RECORD", RiskInputs.BUREAU_REPORT, in);
        }
        return pass("NO_NEGATIVE_BUREAU_RECORD", RuleEffect.DECLINE, "NEGATIVE_BUREAU_RECORD", "no negative record");
    }

    /**
     * The pilot's "no bad record" read on the lender's own book (rules v3): a line that was the policy's days past due
     * or more (30 by default) at any time in its lookback (12 months by default) has a bad record, whether the
     * lateness came from missed instalments, late repayments or servicing's delinquency reports, and however well the
     * line scores since; and, unless the policy says otherwise, any write-off of the line, however long ago. It is a
     * fact on our own book, never missing or stale, so it declines rather than refers. Reviews re-check it on the state at review time from rules v4 ({@link ReviewRules}).
     */
    static RuleResult noOwnBookBadRecord(CreditFacts line, RiskInputs in, OwnBookKnockout badRecord, int rulesVersion) {
        if (line.writtenOffOn() != null && badRecord.writeOffIsBadRecord()) {
            return fail("NO_OWN_BOOK_BAD_RECORD", RuleEffect.DECLINE, OWN_BOOK_BAD_RECORD,
                    "written off on " + line.writtenOffOn() + ": any write-off is a bad record");
        }
        LocalDate since = in.today().minusMonths(badRecord.lookbackMonths());
        int worst = Math.max(in.currentDaysPastDue(), line.history().readUnder(rulesVersion).dpdObservations().stream()
                .filter(o -> !o.on().isBefore(since) && !o.on().isAfter(in.today()))
                .mapToInt(CreditHistory.DpdObservation::daysPastDue).max().orElse(0));
        String detail = "worst " + worst + " days past due in the last " + badRecord.lookbackMonths()
                + " months vs bad record at " + badRecord.daysPastDue();
        return worst >= badRecord.daysPastDue()
                ? fail("NO_OWN_BOOK_BAD_RECORD", RuleEffect.DECLINE, OWN_BOOK_BAD_RECORD, detail)
                : pass("NO_OWN_BOOK_BAD_RECORD", RuleEffect.DECLINE, OWN_BOOK_BAD_RECORD, detail);
    }

    private static RuleResult repaymentRecordKnown(RiskInputs in) {
        if (!in.usable(RiskInputs.REPAYMENT_HISTORY)) {
            return unknownInput("REPAYMENT_RECORD_KNOWN", RiskInputs.REPAYMENT_HISTORY, in);
        }
        return pass("REPAYMENT_RECORD_KNOWN", RuleEffect.DECLINE, "REPAYMENT_RECORD",
                "on time " + in.onTimeRatioPct() + "%, worst DPD " + in.worstDaysPastDue());
    }

    private static RuleResult notPastDue(CreditFacts line, RiskInputs in) {
        BigDecimal arrears = line.history().arrears();
        String detail = "days past due " + in.currentDaysPastDue() + ", arrears " + arrears;
        return in.currentDaysPastDue() > 0 || arrears.signum() > 0
                ? fail("NOT_PAST_DUE", RuleEffect.DECLINE, "PAST_DUE", detail)
                : pass("NOT_PAST_DUE", RuleEffect.DECLINE, "PAST_DUE", detail);
    }

    private static RuleResult monthsOnBook(RiskInputs in, IncreaseRules rules) {
        String detail = in.monthsOnBook() + " months on book vs minimum " + rules.minMonthsOnBook();
        return in.monthsOnBook() >= rules.minMonthsOnBook()
                ? pass("MIN_MONTHS_ON_BOOK", RuleEffect.DECLINE, "MONTHS_ON_BOOK", detail)
                : fail("MIN_MONTHS_ON_BOOK", RuleEffect.DECLINE, "MONTHS_ON_BOOK", detail);
    }

    private static RuleResult coolingOff(CreditFacts line, IncreaseRules rules, Instant now) {
        Instant last = line.lastIncreaseAt();
        if (last == null) {
            return pass("COOLING_OFF", RuleEffect.DECLINE, "COOLING_OFF", "no previous increase");
        }
        long days = Duration.between(last, now).toDays();
        String detail = "last increase " + days + " days ago vs cooling-off " + rules.coolingOffDays();
        return days >= rules.coolingOffDays()
                ? pass("COOLING_OFF", RuleEffect.DECLINE, "COOLING_OFF", detail)
                : fail("COOLING_OFF", RuleEffect.DECLINE, "COOLING_OFF", detail);
    }

    /** A limit just decreased is not raised again inside the decrease's cooling-off, nor while one awaits review. */
    private static RuleResult noLimitDecrease(DecreaseFreeze decreases, Instant now) {
        if (decreases.decreasePending()) {
            return fail("NO_LIMIT_DECREASE", RuleEffect.DECLINE, LIMIT_DECREASE, "a decrease of the limit awaits review");
        }
        if (decreases.frozenUntil() != null && now.isBefore(decreases.frozenUntil())) {
            return fail("NO_LIMIT_DECREASE", RuleEffect.DECLINE, LIMIT_DECREASE,
                    "the limit was decreased; increases frozen until " + decreases.frozenUntil());
        }
        return pass("NO_LIMIT_DECREASE", RuleEffect.DECLINE, LIMIT_DECREASE, decreases.frozenUntil() == null
                ? "no decrease applied" : "the decrease's freeze ended " + decreases.frozenUntil());
    }

    private static RuleResult flagRule(String rule, Severity severity, String reason, RuleEffect effect,
                                       Collection<WarningFlag> flags) {
        List<String> matching = flags.stream().filter(f -> f.severity() == severity).map(WarningFlag::flag).toList();
        return matching.isEmpty()
                ? pass(rule, effect, reason, "no " + severity + " flag")
                : fail(rule, effect, reason, severity + " flags " + matching);
    }

    private static RuleResult incomeVerified(RiskInputs in) {
        if (!in.usable(RiskInputs.INCOME)) {
            return unknownInput("INCOME_VERIFIED", RiskInputs.INCOME, in);
        }
        return pass("INCOME_VERIFIED", RuleEffect.DECLINE, "INCOME", "affordability income " + in.affordabilityIncome());
    }

    private static RuleResult headroom(CreditFacts line, Sizing sizing) {
        if (sizing == null) {
            return unknown("HEADROOM", RuleEffect.DECLINE, INSUFFICIENT_DATA + ":" + RiskInputs.INCOME,
                    "cannot size without usable income");
        }
        String detail = "proposed " + sizing.proposedLimit() + " vs current " + line.limit() + " (bound by " + sizing.boundBy() + ")";
        return sizing.proposedLimit().compareTo(line.limit()) > 0
                ? pass("HEADROOM", RuleEffect.DECLINE, "NO_HEADROOM", detail)
                : fail("HEADROOM", RuleEffect.DECLINE, "NO_HEADROOM", detail);
    }

    private static RuleResult reviewCeiling(Sizing sizing, IncreaseRules rules) {
        if (sizing == null) {
            return unknown("AUTO_APPROVAL_CEILING", RuleEffect.REFER, INSUFFICIENT_DATA + ":" + RiskInputs.INCOME,
                    "cannot size without usable income");
        }
        int levels = rules.reviewLevelsFor(sizing.proposedLimit());
        String detail = "proposed " + sizing.proposedLimit() + " vs automatic ceiling " + rules.autoApproveCeiling()
                + " and level-1 ceiling " + rules.level1Ceiling() + ": " + levels + " review level(s)";
        return levels == 0
                ? pass("AUTO_APPROVAL_CEILING", RuleEffect.REFER, "ABOVE_AUTO_APPROVAL_CEILING", detail)
                : fail("AUTO_APPROVAL_CEILING", RuleEffect.REFER, "ABOVE_AUTO_APPROVAL_CEILING", detail);
    }

    private static RuleResult unknownInput(String rule, String input, RiskInputs in) {
        String detail = in.dataQuality().stream().filter(i -> i.input().equals(input))
                .map(i -> i.problem() + ": " + i.detail()).collect(Collectors.joining("; "));
        return unknown(rule, RuleEffect.DECLINE, INSUFFICIENT_DATA + ":" + input, detail);
    }

    private static RuleResult pass(String rule, RuleEffect effect, String reason, String detail) {
        return new RuleResult(rule, RuleStatus.PASS, effect, reason, detail);
    }

    private static RuleResult fail(String rule, RuleEffect effect, String reason, String detail) {
        return new RuleResult(rule, RuleStatus.FAIL, effect, reason, detail);
    }

    private static RuleResult unknown(String rule, RuleEffect effect, String reason, String detail) {
        return new RuleResult(rule, RuleStatus.UNKNOWN, effect, reason, detail);
    }
}
