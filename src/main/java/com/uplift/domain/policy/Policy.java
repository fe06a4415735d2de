package com.uplift.domain.policy;

import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The versioned weights, thresholds and rules every decision names. Loaded from JSON at the edge
 * ({@code policies/policy-v1.json}); pure data here. Every number a decision depends on lives in this tree, so a
 * decision event that names the policy version and content hash can be reproduced by replay.
 *
 * @param timeZone       the business calendar's zone: instants become dates (due dates, ages in days) in it
 * @param segments       客户分层: per-segment overrides of the increase parameters, keyed by segment code
 * @param signalLexicon  per risk-signal code, the Chinese and English terms that reveal it in a service note
 * @param ownBookKnockout what counts as a bad record on the lender's own book; empty in every policy published
 *                        before the setting existed, which are decided with {@link OwnBookKnockout#RULES_V3_DEFAULT}.
 *                        Optional on purpose: the canonical JSON leaves an empty Optional out (CanonicalJson), so a
 *                        policy without it hashes exactly as it did before the field existed
 * @param offers         提额名单: the proactive increase list's rules ({@link OfferRules}); empty in every policy
 *                        published before the section existed (policy v1 among them), under which the scan offers
 *                        nothing. Optional for the same reason as ownBookKnockout: the content hash of a policy without
 *                        it is unchanged
 * @param decreases      limit decreases on deterioration (rules v5); empty: the policy never lowers a limit. Optional
 *                        for the same reason as {@code ownBookKnockout}
 * @param tiering        the rules that move a line's tier (rules v5); empty: tiers move only by hand
 */
public record Policy(int version,
                     String name,
                     String timeZone,
                     String defaultCurrency,
                     Scorecard scorecard,
                     DataQualityLimits dataQuality,
                     IncreaseRules increase,
                     Map<String, SegmentOverride> segments,
                     List<GradeBand> grades,
                     List<WarningRule> warnings,
                     Map<String, SignalLexicon> signalLexicon,
                     ChampionChallenger championChallenger,
                     Optional<OwnBookKnockout> ownBookKnockout,
                     Optional<OfferRules> offers,
                     Optional<LimitDecreases> decreases,
                     Optional<Tiering> tiering) {

    public Policy {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(scorecard, "scorecard");
        Objects.requireNonNull(dataQuality, "dataQuality");
        Objects.requireNonNull(increase, "increase");
        Objects.requireNonNull(grades, "grades");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(championChallenger, "championChallenger");
        segments = segments == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(segments));
        signalLexicon = signalLexicon == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(signalLexicon));
        grades = List.copyOf(grades);
        warnings = List.copyOf(warnings);
        ownBookKnockout = ownBookKnockout == null ? Optional.empty() : ownBookKnockout;
        offers = offers == null ? Optional.empty() : offers;
        decreases = decreases == null ? Optional.empty() : decreases;
        tiering = tiering == null ? Optional.empty() : tiering;
    }

    /** A policy without offers, decreases or tiering (as every policy before those sections existed). */
    public Policy(int version, String name, String timeZone, String defaultCurrency, Scorecard scorecard,
                  DataQualityLimits dataQuality, IncreaseRules increase, Map<String, SegmentOverride> segments,
                  List<GradeBand> grades, List<WarningRule> warnings, Map<String, SignalLexicon> signalLexicon,
                  ChampionChallenger championChallenger, Optional<OwnBookKnockout> ownBookKnockout) {
        this(version, name, timeZone, defaultCurrency, scorecard, dataQuality, increase, segments, grades, warnings,
                signalLexicon, championChallenger, ownBookKnockout, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A policy without an own-book knock-out setting (as every policy before it existed). */
    public Policy(int version, String name, String timeZone, String defaultCurrency, Scorecard scorecard,
                  DataQualityLimits dataQuality, IncreaseRules increase, Map<String, SegmentOverride> segments,
                  List<GradeBand> grades, List<WarningRule> warnings, Map<String, SignalLexicon> signalLexicon,
                  ChampionChallenger championChallenger) {
        this(version, name, timeZone, defaultCurrency, scorecard, dataQuality, increase, segments, grades, warnings,
                signalLexicon, championChallenger, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This policy with other decrease and tiering sections (or none): everything else as it is. */
    public Policy withDecreasesAndTiering(Optional<LimitDecreases> newDecreases, Optional<Tiering> newTiering) {
        return new Policy(version, name, timeZone, defaultCurrency, scorecard, dataQuality, increase, segments, grades,
                warnings, signalLexicon, championChallenger, ownBookKnockout, offers, newDecreases, newTiering);
    }

    /** This policy with other offer rules (or none): everything else, version and name included, as it is. */
    public Policy withOffers(Optional<OfferRules> rules) {
        return new Policy(version, name, timeZone, defaultCurrency, scorecard, dataQuality, increase, segments, grades,
                warnings, signalLexicon, championChallenger, ownBookKnockout, rules, decreases, tiering);
    }

    /** What counts as a bad record on our own book under this policy: its setting, or rules v3's defaults. */
    public OwnBookKnockout badRecord() {
        return ownBookKnockout.orElse(OwnBookKnockout.RULES_V3_DEFAULT);
    }

    /** Whether a tier is one this policy knows: {@code STANDARD} (the base rules) or one of its segments. */
    public boolean knowsTier(String tier) {
        return Tiering.STANDARD.equals(tier) || segments.containsKey(tier);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The increase parameters that apply to a segment: the base rules with the segment's overrides laid on top. */
    public IncreaseRules increaseFor(String segment) {
        SegmentOverride override = segment == null ? null : segments.get(segment);
        return override == null ? increase : override.applyTo(increase);
    }
}
