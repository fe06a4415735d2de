package com.uplift.domain.creditline;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand.AcceptIncreaseOffer;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.CreditLineState.Offer;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.increase.IncreaseSizer;
import com.uplift.domain.increase.PrincipalReasons;
import com.uplift.domain.increase.RuleResult;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.policy.IncreaseRules;
import com.uplift.domain.policy.OfferRules;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.domain.risk.RiskAssessment;
import com.uplift.domain.risk.RiskInputs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.CommandValues.money;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * 提额名单, the increase list (rules v5): the offer scan on one line, and the acceptance of an offer.
 * <p>
 * A line qualifies when a request for "as much as allowed" would be APPROVED automatically right now (the same
 * {@link IncreaseRequests#evaluate} a request is decided with: the segment's overrides, the arm's policy, the
 * borrower's other lines) and the policy's {@link OfferRules} cover it: its segment and arm, the offer's minimum
 * score, and an increase inside the offer band. The offered limit is the request's proposed limit, cut to the band's
 * maximum. A live offer whose line no longer qualifies is withdrawn with the reasons a request would be given; one
 * that still qualifies stands as it was made (its limit is not re-sized while it lives).
 */
final class IncreaseOffers {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Positive reasons quoted with an offer, as many as the principal reasons of a refusal. */
    private static final int OFFER_REASONS = DeciderRules.MAX_PRINCIPAL_REASONS;

    private IncreaseOffers() {
    }

    /** The id of the offer a scan run makes to a line: the same run and line always give the same id. */
    static String offerId(String scanRunId, String creditLineId) {
        return "OF-" + UUID.nameUUIDFromBytes((scanRunId + ":" + creditLineId).getBytes(StandardCharsets.UTF_8));
    }

    static Decision scan(ScanForOffer c, CreditLineState state, DecisionBasis basis) {
        if (!DeciderRules.increaseOffers(basis.rulesVersion())) {
            return reject("NOT_UNDER_THESE_RULES", "rules v" + basis.rulesVersion() + " know no increase offers");
        }
        if (blank(c.scanRunId()) || c.businessDate() == null) {
            return reject("INVALID_COMMAND", "scanRunId and businessDate are required");
        }
        Policy policy = basis.policy();
        if (c.businessDate().isAfter(RiskInputs.businessDate(c.occurredAt(), policy))) {
            return reject("INVALID_COMMAND", "a scan cannot evaluate a business date after its own: " + c.businessDate());
        }
        if (state.offers().touchedBy(c.scanRunId())) {
            return new Decision.Accepted(List.of()); // this run already made its decision on the line
        }
        IncreaseRequests.Evaluation evaluation = IncreaseRequests.evaluate(state, null, c.borrowerOtherLimits(), basis,
                c.businessDate(), c.occurredAt());
        Optional<OfferRules> rules = policy.offers();
        Qualification q = qualify(state, evaluation, rules.orElse(null), policy.increaseFor(state.segment()));
        Optional<Offer> live = state.offers().live(c.businessDate());
        BigDecimal others = c.borrowerOtherLimits() == null ? null : money(c.borrowerOtherLimits());
        if (live.isPresent()) {
            // a live offer stands while the line qualifies, and also when the policy stops offering to it (see docs)
            return q.reasonsNot().isEmpty() ? new Decision.Accepted(List.of())
                    : Decision.accept(new IncreaseOfferWithdrawn(live.get().offerId(), c.scanRunId(), c.businessDate(),
                    q.reasonsNot(), q.detail(), others, basis.policyNumber(), basis.policyHash(), basis.rulesVersion(),
                    c.occurredAt()));
        }
        boolean covered = rules.isPresent() && rules.get().covers(state.segment(), IncreaseRequests.arm(state, basis));
        // a request under review already asks the question an offer would answer
        if (!covered || !q.reasonsNot().isEmpty() || !state.increases().pending().isEmpty()) {
            return new Decision.Accepted(List.of());
        }
        RiskAssessment a = evaluation.assessment();
        return Decision.accept(new IncreaseOffered(offerId(c.scanRunId(), state.creditLineId()), c.scanRunId(),
                c.businessDate(), state.limit(), q.offeredLimit(), evaluation.verdict().sizing(), a.score(), a.grade(),
                a.aprPercent(), a, evaluation.verdict().rules(), strengths(a), c.businessDate().plusDays(rules.get().expiryDays()),
                state.segment(), IncreaseRequests.arm(state, basis).name(), others, basis.policyNumber(),
                basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
    }

    /**
     * @param reasonsNot why the line does not qualify (principal reasons, the closed set); empty when it does
     * @param offeredLimit the limit to offer when it qualifies
     */
    record Qualification(List<String> reasonsNot, String detail, BigDecimal offeredLimit) {
    }

    /**
     * Whether the line qualifies for an offer: an automatic approval, then the offer rules' score and band. Without
     * offer rules (offers absent from the policy) only the approval counts: that is what a live offer is held to.
     */
    static Qualification qualify(CreditLineState state, IncreaseRequests.Evaluation evaluation, OfferRules rules,
                                 IncreaseRules increase) {
        var verdict = evaluation.verdict();
        if (verdict.outcome() != IncreaseOutcome.APPROVED) {
            String failed = verdict.rules().stream().filter(r -> r.status() != RuleStatus.PASS)
                    .map(r -> r.rule() + ": " + r.detail()).collect(Collectors.joining("; "));
            return new Qualification(verdict.reasons(), "a request now would be " + verdict.outcome() + " (" + failed + ")", null);
        }
        RiskAssessment a = evaluation.assessment();
        if (rules != null && rules.minScore() != null && a.score() < rules.minScore()) {
            return new Qualification(PrincipalReasons.rank(List.of("SCORE_BELOW_MINIMUM"), a),
                    "score " + a.score() + " below the offers' minimum " + rules.minScore(), null);
        }
        BigDecimal limit = state.limit();
        BigDecimal offered = verdict.proposedLimit();
        if (rules != null && rules.maxIncreasePct() != null) {
            BigDecimal cap = IncreaseSizer.roundDown(limit.multiply(HUNDRED.add(rules.maxIncreasePct()))
                    .divide(HUNDRED, 2, RoundingMode.DOWN), increase.roundingUnit());
            offered = offered.min(cap);
        }
        BigDecimal floor = rules == null || rules.minIncreasePct() == null ? limit
                : limit.multiply(HUNDRED.add(rules.minIncreasePct())).divide(HUNDRED, 2, RoundingMode.UP);
        boolean enough = rules == null || rules.minIncreasePct() == null ? offered.compareTo(limit) > 0
                : offered.compareTo(floor) >= 0 && offered.compareTo(limit) > 0;
        if (!enough) {
            return new Qualification(List.of("NO_HEADROOM"), "an increase to " + offered + " is below the offers' band"
                    + " (at least " + floor + ")", null);
        }
        return new Qualification(List.of(), "qualifies", offered);
    }

    /** Why the line qualifies, for the borrower: the characteristics that earned the most points (ties: scorecard order). */
    private static List<String> strengths(RiskAssessment a) {
        return a.breakdown().stream().filter(s -> s.points() > 0)
                .sorted(Comparator.comparingInt(CharacteristicScore::points).reversed())
                .limit(OFFER_REASONS).map(CharacteristicScore::characteristic).toList();
    }

    static Decision accept(AcceptIncreaseOffer c, CreditLineState state, DecisionBasis basis) {
        if (!DeciderRules.increaseOffers(basis.rulesVersion())) {
            return reject("NOT_UNDER_THESE_RULES", "rules v" + basis.rulesVersion() + " know no increase offers");
        }
        if (blank(c.offerId()) || blank(c.requestId()) || blank(c.requestedBy()) || blank(c.channel())) {
            return reject("INVALID_COMMAND", "offerId, requestId, channel and requestedBy are required");
        }
        Offer offer = state.offers().offers().get(c.offerId());
        if (offer == null) {
            return reject("OFFER_UNKNOWN", "the line has no offer " + c.offerId());
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), basis.policy());
        switch (offer.statusOn(today)) {
            case WITHDRAWN -> {
                return reject("OFFER_WITHDRAWN", "offer " + c.offerId() + " was withdrawn");
            }
            case ACCEPTED -> {
                return reject("OFFER_ALREADY_ACCEPTED", "offer " + c.offerId() + " was already accepted");
            }
            case EXPIRED -> {
                return reject("OFFER_EXPIRED", "offer " + c.offerId() + " expired after " + offer.expiresOn());
            }
            case LIVE -> {
                // acceptable
            }
        }
        if (!state.increases().pending().isEmpty()) {
            return reject("INCREASE_ALREADY_PENDING", "request " + state.increases().pending().get(0).requestId()
                    + " is still under review");
        }
        if (state.increases().requests().containsKey(c.requestId())) {
            return reject("DUPLICATE_REQUEST", "request " + c.requestId() + " was already decided");
        }
        BigDecimal others = c.borrowerOtherLimits() == null ? null : money(c.borrowerOtherLimits());
        List<String> changes = materialChanges(offer, state, basis, others);
        boolean honoured = changes.isEmpty();
        IncreaseOfferAccepted accepted = new IncreaseOfferAccepted(c.offerId(), c.requestId(), c.channel(),
                c.requestedBy(), others, honoured, changes, explanation(offer, changes, basis), basis.policyNumber(),
                basis.policyHash(), basis.rulesVersion(), c.occurredAt());
        CreditLineState afterAcceptance = CreditLineDecider.evolve(state, accepted);
        List<CreditLineEvent> events = new ArrayList<>();
        events.add(accepted);
        if (honoured) {
            events.add(new IncreaseDecided(c.requestId(), c.channel(), c.requestedBy(), offer.offeredLimit(),
                    IncreaseOutcome.APPROVED, state.limit(), offer.offeredLimit(), offer.offeredLimit(), offer.sizing(), 0,
                    offer.assessment(), offer.rules(), List.copyOf(state.warnings().keySet()), List.of(), state.segment(),
                    IncreaseRequests.arm(state, basis).name(), others, basis.policyNumber(), basis.policyHash(),
                    basis.rulesVersion(), c.occurredAt()));
            events.add(new CreditLimitChanged(state.limit(), offer.offeredLimit(), c.requestId(), "AUTOMATIC_INCREASE",
                    basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
            return new Decision.Accepted(events);
        }
        // afresh: the request the borrower would have made, never above what was offered
        BigDecimal requested = offer.offeredLimit().compareTo(state.limit()) > 0 ? offer.offeredLimit() : null;
        Decision afresh = IncreaseRequests.decide(new RequestLimitIncrease(c.requestId(), requested, c.channel(),
                c.requestedBy(), others, c.occurredAt()), afterAcceptance, basis);
        return switch (afresh) {
            case Decision.Rejected rejected -> rejected;
            case Decision.Accepted decided -> {
                events.addAll(decided.events());
                yield new Decision.Accepted(events);
            }
        };
    }

    /**
     * What changed since the offer that it rested on: the material events recorded since ({@link OfferMateriality}),
     * a different policy (version or content), other lines of the borrower exposing another amount.
     */
    static List<String> materialChanges(Offer offer, CreditLineState state, DecisionBasis basis, BigDecimal others) {
        List<String> changes = new ArrayList<>(offer.materialChanges());
        if (offer.policyVersion() != basis.policyNumber() || !Objects.equals(offer.policyContentHash(), basis.policyHash())) {
            changes.add("POLICY_VERSION");
        }
        if (!sameAmount(offer.borrowerOtherLimits(), others)) {
            changes.add("BORROWER_OTHER_LINES");
        }
        if (offer.oldLimit().compareTo(state.limit()) != 0 && !changes.contains("CreditLimitChanged")) {
            changes.add("CreditLimitChanged");
        }
        return List.copyOf(changes);
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        BigDecimal x = a == null ? BigDecimal.ZERO : a;
        BigDecimal y = b == null ? BigDecimal.ZERO : b;
        return x.compareTo(y) == 0;
    }

    private static String explanation(Offer offer, List<String> changes, DecisionBasis basis) {
        return changes.isEmpty()
                ? "offer " + offer.offerId() + " of " + offer.offeredOn() + " honoured at " + offer.offeredLimit()
                + ": nothing material changed since it was made (policy v" + basis.policyNumber()
                + " unchanged, no new fact it rested on, the borrower's other lines unchanged); approved on the offer's"
                + " own evaluation"
                : "offer " + offer.offerId() + " of " + offer.offeredOn() + " decided afresh, at most "
                + offer.offeredLimit() + ": since it was made, " + String.join(", ", changes);
    }

    /** The offer as the line keeps it once offered. */
    static Offer offered(IncreaseOffered e) {
        return new Offer(e.offerId(), e.scanRunId(), e.businessDate(), e.expiresOn(), e.oldLimit(), e.offeredLimit(),
                e.sizing(), e.assessment(), e.rules(), e.borrowerOtherLimits(), e.policyVersion(), e.policyContentHash(),
                OfferStatus.LIVE, null, List.of());
    }
}
