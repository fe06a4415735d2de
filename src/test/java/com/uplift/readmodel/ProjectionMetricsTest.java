package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput is Micrometer's: a cumulative counter for Prometheus, and the last complete minute for operators. The lag
 * gauges are the runner's: an instance that no longer runs a projection does not go on reporting its last measure.
 */
class ProjectionMetricsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Projection named(String name) {
        return new Projection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Class<? extends CreditLineEvent>> eventTypes() {
                return Set.of();
            }

            @Override
            public Uni<Void> drop(int generation) {
                return Uni.createFrom().voidItem();
            }
        };
    }

    @Test
    void eventsPerSecondIsTheLastCompleteMinuteAndTheCounterKeepsTheTotal() {
        HandClock clock = new HandClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProjectionMetrics metrics = new ProjectionMetrics(List.of(named("lines"), named("warnings")), registry, null, null, clock,
                projection -> true);

        metrics.applied("lines", 100);
        metrics.applied("lines", 20);
        clock.now = clock.now.plusSeconds(30);
        assertThat(metrics.eventsPerSecond("lines")).isZero(); // the minute is not complete yet

        clock.now = clock.now.plusSeconds(31);
        metrics.applied("lines", 6); // counts in the next minute
        assertThat(metrics.eventsPerSecond("lines")).isEqualTo(2.0); // 120 events in the minute that ended
        assertThat(metrics.eventsPerSecond("warnings")).isZero();

        clock.now = clock.now.plusSeconds(60);
        assertThat(metrics.eventsPerSecond("lines")).isEqualTo(0.1);
        clock.now = clock.now.plusSeconds(120);
        assertThat(metrics.eventsPerSecond("lines")).isZero(); // nothing read lately

        assertThat(registry.get("uplift.projection.events.applied").tag("projection", "lines").counter().count())
                .isEqualTo(126.0);
    }

    @Test
    void anInstanceThatLostAProjectionReportsNoLagForItNotItsLastMeasure() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Set<String> led = new HashSet<>(Set.of("lines", "warnings"));
        ProjectionMetrics metrics = new ProjectionMetrics(List.of(named("lines"), named("warnings")), registry, null, null,
                new HandClock(), led::contains);
        metrics.lagMeasured("lines", 13_454, 15);
        metrics.lagMeasured("warnings", 20, 1);
        assertThat(lag(registry, "events", "lines")).isEqualTo(13_454.0);
        assertThat(lag(registry, "seconds", "lines")).isEqualTo(15.0);

        led.remove("lines"); // another instance took it over (this one's control connection dropped) and runs it now
        assertThat(lag(registry, "events", "lines")).isZero();
        assertThat(lag(registry, "seconds", "lines")).isZero();
        assertThat(lag(registry, "events", "warnings")).isEqualTo(20.0);

        led.add("lines"); // taken back: the measure reported is again this instance's own
        metrics.lagMeasured("lines", 7, 0);
        assertThat(lag(registry, "events", "lines")).isEqualTo(7.0);
    }

    private static double lag(SimpleMeterRegistry registry, String unit, String projection) {
        return registry.get("uplift.projection.lag." + unit).tag("projection", projection).gauge().value();
    }

    /** Counts the measures instead of asking a database. */
    private static final class CountedMeasures extends ProjectionMetrics {
        int measures;

        CountedMeasures(SimpleMeterRegistry registry) {
            super(List.of(named("lines")), registry, null, null, new HandClock(), projection -> true);
        }

        @Override
        Uni<Void> measureLag(String projection) {
            measures++;
            return Uni.createFrom().voidItem();
        }
    }

    @Test
    void aProjectionThatCannotMoveIsMeasuredOnceASecondNotOnEveryWake() {
        CountedMeasures metrics = new CountedMeasures(new SimpleMeterRegistry());
        metrics.applied("lines", 500);
        metrics.measureLagIfDue("lines").await().indefinitely(); // the first turn measures
        assertThat(metrics.measures).isEqualTo(1);

        // A transaction held open keeps the horizon: each commit's notification wakes a turn that reads nothing.
        // Each of those used to count the whole growing backlog (13,454 events after 15 s, 3,126 blocks per count,
        // 66 counts a second, half the database's time); now they fall within the second of the last measure.
        for (int wake = 0; wake < 200; wake++) {
            metrics.measureLagIfDue("lines").await().indefinitely();
        }
        assertThat(metrics.measures).isLessThanOrEqualTo(2); // a second may pass on a loaded machine, 200 may not

        // Once it moves again and comes to rest, it measures at once: the gauges read exactly 0 when the log is quiet.
        int before = metrics.measures;
        metrics.applied("lines", 40);
        metrics.measureLagIfDue("lines").await().indefinitely(); // read something, within the second: not due
        metrics.measureLagIfDue("lines").await().indefinitely(); // read nothing after reading: at rest, measured
        assertThat(metrics.measures - before).isBetween(1, 2);
    }
}
