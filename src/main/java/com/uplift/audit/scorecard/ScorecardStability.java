package com.uplift.audit.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.application.PolicyCatalog;
import com.uplift.audit.AuditScope;
import com.uplift.audit.LineHistory;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drift monitoring of a fitted scorecard: the live score distribution (each line's latest {@code RiskAssessed} under
 * the version, on complete inputs and without a knock-out, as the development sample was) against the development
 * sample's distribution of that version, as a PSI over the bands 0-9, ..., 90-100, for the policy in force and the
 * challenger. A version that was not fitted on recorded outcomes (policy v1's hand-set card) has no development
 * sample to compare with and says so.
 * <p>
 * The latest figure per arm is the gauge {@value #METER}{arm, policyVersion} (NaN until measured or when there is no
 * sample), refreshed every {@code uplift.scorecard.stability-interval} (default 1h; "off" disables it) and by every
 * {@code GET /api/scorecards/stability}. It reads every line's stream once: a monitoring job, not a request path.
 */
@ApplicationScoped
public class ScorecardStability {

    public static final String METER = "uplift.scorecard.psi";
    private static final Logger LOG = Logger.getLogger(ScorecardStability.class);
    private static final Duration WAIT = Duration.ofMinutes(2);

    /**
     * @param developmentId null when the version was not fitted here (then {@code stability} is null)
     * @param liveAssessments lines whose latest assessment was made under this version, complete and not knocked out
     */
    public record ArmStability(String arm, int policyVersion, String developmentId, long liveAssessments,
                               DevelopmentReport.Stability stability) {
    }

    @Schema(name = "ScorecardStabilityReport")
    public record Report(Instant measuredAt, List<ArmStability> arms) {
    }

    private final PolicyCatalog catalog;
    private final ScorecardDevelopments developments;
    private final LineHistory lines;
    private final EventStore store;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    public ScorecardStability(PolicyCatalog catalog, ScorecardDevelopments developments, LineHistory lines,
                              EventStore store, MeterRegistry meters, Clock clock) {
        this.catalog = catalog;
        this.developments = developments;
        this.lines = lines;
        this.store = store;
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(every = "${uplift.scorecard.stability-interval:1h}", delayed = "${uplift.scorecard.stability-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            measure();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Scorecard stability could not be measured; the next run tries again");
        }
    }

    /** Measures both arms now and updates the gauges. Blocking. */
    public Report measure() {
        PolicyBook book = catalog.book().await().atMost(WAIT);
        Map<String, Integer> arms = new TreeMap<>();
        arms.put("CHAMPION", book.activeVersion());
        Integer challenger = book.challengerSetting().challengerPolicyVersion();
        if (challenger != null && book.versions().containsKey(challenger) && PolicyBook.wasApproved(book.versions().get(challenger))) {
            arms.put("CHALLENGER", challenger);
        }
        Map<Integer, long[]> live = liveBands();
        List<ArmStability> result = new ArrayList<>();
        arms.forEach((arm, version) -> {
            long[] counts = live.getOrDefault(version, new long[ScorecardDevelopment.BANDS]);
            long size = java.util.Arrays.stream(counts).sum();
            DevelopmentReport development = developments.forPolicy(version).await().atMost(WAIT);
            DevelopmentReport.Stability stability = development == null ? null
                    : ScorecardDevelopment.stability(development.validation().population(), counts);
            result.add(new ArmStability(arm, version, development == null ? null : development.developmentId(), size, stability));
            gauge(arm, version).set(stability == null || stability.psi() == null ? Double.NaN : stability.psi().doubleValue());
        });
        return new Report(clock.instant(), result);
    }

    /** Per policy version, the latest complete assessment of each line counted in its score band. */
    private Map<Integer, long[]> liveBands() {
        Map<Integer, long[]> bands = new TreeMap<>();
        lines.forEachLine(AuditScope.EVERYTHING, line -> {
            JsonNode latest = null;
            long after = 0;
            while (true) {
                List<RecordedEvent> page = store.readStreamAfter(CreditLineStream.of(line), after, 500).await().atMost(WAIT);
                for (RecordedEvent event : page) {
                    if (event.eventType().equals("RiskAssessed")) {
                        latest = event.payload();
                    }
                }
                if (page.size() < 500) {
                    break;
                }
                after = page.getLast().streamVersion();
            }
            if (latest == null) {
                return;
            }
            JsonNode assessment = latest.path("assessment");
            if (assessment.path("dataQuality").isEmpty() && assessment.path("knockOuts").isEmpty()) {
                int score = assessment.path("score").asInt();
                bands.computeIfAbsent(latest.path("policyVersion").asInt(), v -> new long[ScorecardDevelopment.BANDS])
                        [Math.min(ScorecardDevelopment.BANDS - 1, score / ScorecardDevelopment.BANDS)]++;
            }
        });
        return bands;
    }

    private AtomicReference<Double> gauge(String arm, int version) {
        return gauges.computeIfAbsent(arm + "/" + version, key -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            Gauge.builder(METER, value, AtomicReference::get)
                    .description("PSI of the live score distribution against the scorecard's development sample")
                    .tag("arm", arm).tag("policyVersion", Integer.toString(version)).register(meters);
            return value;
        });
    }
}
