package com.uplift.domain.increase;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.domain.risk.RiskAssessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules v3's adverse-action reasons: what a customer is told, at most {@link DeciderRules#MAX_PRINCIPAL_REASONS}
 * codes of {@link AdverseActionReason}, ranked by impact. A customer can act on "income varies too much", not on
 * "score below minimum" or on eight rule codes in the order the code happens to check them; the full rule list stays
 * in the decision's explanation ({@code checks}, {@code assessment}) for officers and auditors.
 * <ol>
 *     <li>knock-outs first: each declines by itself, whatever the score;</li>
 *     <li>then, when the score is below the minimum, the scorecard's characteristics ranked by points lost against
 *     their best bin (ties keep the scorecard's order, so the same inputs always give the same reasons);</li>
 *     <li>then the other refusals in the order the rules gave them, composite codes split into one code per input.</li>
 * </ol>
 */
public final class PrincipalReasons {

    private PrincipalReasons() {
    }

    /**
     * @param ruleCodes the reason codes of the rules that declined or referred, in rule order (may be composite,
     *                  {@code INSUFFICIENT_DATA:INCOME,BUREAU_REPORT})
     */
    public static List<String> rank(List<String> ruleCodes, RiskAssessment assessment) {
        List<AdverseActionReason> knockOuts = new ArrayList<>();
        List<AdverseActionReason> others = new ArrayList<>();
        boolean scoreBelowMinimum = false;
        for (String code : ruleCodes) {
            if (code.equals("SCORE_BELOW_MINIMUM")) {
                scoreBelowMinimum = true;
                continue;
            }
            for (AdverseActionReason reason : split(code)) {
                (reason.knockOut() ? knockOuts : others).add(reason);
            }
        }
        Set<AdverseActionReason> ranked = new LinkedHashSet<>(knockOuts);
        if (scoreBelowMinimum) {
            assessment.breakdown().stream()
                    .filter(s -> s.pointsLost() > 0)
                    .sorted(Comparator.comparingInt(CharacteristicScore::pointsLost).reversed())
                    .map(s -> AdverseActionReason.valueOf(s.characteristic()))
                    .forEach(ranked::add);
        }
        ranked.addAll(others);
        return ranked.stream().limit(DeciderRules.MAX_PRINCIPAL_REASONS).map(Enum::name).toList();
    }

    /** A rule's reason code as closed codes: {@code INSUFFICIENT_DATA:INCOME,BUREAU_REPORT} is two reasons. */
    static List<AdverseActionReason> split(String code) {
        String prefix = IncreaseEligibility.INSUFFICIENT_DATA + ":";
        if (code.startsWith(prefix)) {
            return java.util.Arrays.stream(code.substring(prefix.length()).split(","))
                    .map(input -> closed(IncreaseEligibility.INSUFFICIENT_DATA + "_" + input)).toList();
        }
        return List.of(closed(code));
    }

    private static AdverseActionReason closed(String code) {
        return AdverseActionReason.of(code).orElseThrow(
                () -> new IllegalArgumentException(code + " has no adverse-action reason: add it to AdverseActionReason"));
    }
}
