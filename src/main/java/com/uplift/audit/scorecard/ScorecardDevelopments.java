package com.uplift.audit.scorecard;

import com.uplift.application.CommandRejectedException;
import com.uplift.application.PolicyCatalog;
import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import com.uplift.audit.scorecard.ScorecardEvent.ScorecardDeveloped;
import com.uplift.domain.Rejection;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.policy.Policy;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Runs a scorecard development on the store and records it: the sample ({@link SampleBuilder}), the fit and
 * validation ({@link ScorecardDevelopment}), the fitted card proposed as a new policy version through the policy
 * book's four-eyes governance (another admin approves it, like any policy), and the report stored as
 * {@code ScorecardDeveloped} in the development's own stream. The proposal's reason names the development, and the
 * development names the proposal, so each leads to the other.
 * <p>
 * Not atomic across the two streams: if the report's append failed after the proposal, the proposal's reason names a
 * development that has no report, and the approver should reject it. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class ScorecardDevelopments {

    public static final String PREFIX = "scorecard-development-";
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final SampleBuilder samples;
    private final PolicyCatalog catalog;
    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;

    public ScorecardDevelopments(SampleBuilder samples, PolicyCatalog catalog, EventStore store, EventTypeRegistry types,
                                 Clock clock) {
        this.samples = samples;
        this.catalog = catalog;
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    /** No such policy version to develop on. */
    public static final class UnknownBase extends RuntimeException {
        public UnknownBase(int version) {
            super("no policy version " + version);
        }
    }

    /**
     * Develops a card on the base version (default: the one in force) and proposes it: for every line, or, with a
     * share, to be rolled out as the challenger of the policy in force once a second admin approves it.
     *
     * @throws CommandRejectedException SAMPLE_TOO_SMALL or NOT_ESTIMABLE (nothing is proposed or recorded)
     */
    public DevelopmentReport develop(Integer baseVersion, Settings settings, Integer challengerSharePercent, String actor,
                                     EventMetadata metadata) {
        if (challengerSharePercent != null) {
            // refused before the fit, which takes seconds; the policy book would refuse the proposal all the same
            PolicyBook.challengerShareProblem(challengerSharePercent).ifPresent(problem -> {
                throw new CommandRejectedException(problem, CommandRejectedException.RefusedBy.POLICY_BOOK);
            });
        }
        PolicyBook book = catalog.book().await().atMost(WAIT);
        int version = baseVersion != null ? baseVersion : book.activeVersion();
        PolicyBook.Entry base = book.versions().get(version);
        if (base == null) {
            throw new UnknownBase(version);
        }
        Policy policy = base.policy();
        LocalDate asOf = DevelopmentSample.businessDate(clock.instant(), policy);
        SampleBuilder.Built built = samples.build(policy, asOf, settings);
        ScorecardFitter.Fitted fitted;
        try {
            ScorecardDevelopment.checkSize(built.observations());
            fitted = ScorecardFitter.fit(ScorecardDevelopment.train(built.observations()),
                    ScorecardDevelopment.binCounts(policy.scorecard()));
        } catch (ScorecardDevelopment.SampleTooSmall small) {
            throw new CommandRejectedException(Rejection.of("SAMPLE_TOO_SMALL", small.getMessage()),
                    CommandRejectedException.RefusedBy.SCORECARD_DEVELOPMENT);
        } catch (LogisticRegression.NotEstimable notEstimable) {
            throw new CommandRejectedException(Rejection.of("NOT_ESTIMABLE", notEstimable.getMessage()),
                    CommandRejectedException.RefusedBy.SCORECARD_DEVELOPMENT);
        }
        String id = UUID.randomUUID().toString();
        DevelopmentReport draft = ScorecardDevelopment.report(id, policy, 0, asOf, actor, settings, built, fitted);
        Policy fittedPolicy = ScorecardDevelopment.fittedPolicy(policy, fitted,
                "Fitted scorecard on v" + version + " outcomes to " + asOf + " (development " + id + ")");
        PolicyBook proposed = catalog.propose(fittedPolicy, version, reason(draft), challengerSharePercent, actor, metadata, null).await().atMost(WAIT);
        int proposedVersion = proposed.versions().values().stream()
                .filter(e -> e.policy().name().contains(id)).mapToInt(PolicyBook.Entry::version).max().orElseThrow();
        DevelopmentReport report = draft.proposedAs(proposedVersion);
        EventTypeRegistry.Serialized event = types.serialize(new ScorecardDeveloped(id, proposedVersion, report, clock.instant()));
        store.append(PREFIX + id, ExpectedVersion.NO_STREAM, List.of(new NewEvent(UUID.randomUUID(), event.type(),
                event.schemaVersion(), event.payload(), metadata))).await().atMost(WAIT);
        return report;
    }

    static String reason(DevelopmentReport report) {
        DevelopmentReport.Validation v = report.validation();
        return "scorecard development " + report.developmentId() + ": " + report.sample().observations()
                + " decisions with a closed 12-month outcome; hold-out AUC " + v.holdout().auc() + " (current card "
                + v.currentCardOnHoldout().auc() + "), KS " + v.holdout().ks() + ", PSI against today's population "
                + v.population().psi() + " (" + v.population().verdict() + "). Report: GET /api/scorecards/developments/"
                + report.developmentId();
    }

    /** A recorded development; null when there is none with that id. */
    public Uni<DevelopmentReport> find(String developmentId) {
        return store.readStream(PREFIX + developmentId, 1).map(events -> events.isEmpty() ? null : read(events.getFirst()));
    }

    /** The development that proposed a policy version; null when that version was not fitted here. */
    public Uni<DevelopmentReport> forPolicy(int version) {
        return store.streamIdsWithEvent(PREFIX, ScorecardDeveloped.class.getSimpleName(), "proposedPolicyVersion",
                        Integer.toString(version))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem()
                        : find(ids.getFirst().substring(PREFIX.length())));
    }

    /** Every development's id, in id order. */
    public Uni<List<String>> ids() {
        return store.streamIds(PREFIX, "", null, null, 1_000)
                .map(ids -> ids.stream().map(s -> s.substring(PREFIX.length())).toList());
    }

    private DevelopmentReport read(RecordedEvent event) {
        return ((ScorecardDeveloped) types.deserialize(event)).report();
    }
}
