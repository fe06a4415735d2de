package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Throughput is Micrometer's: a cumulative counter for Prometheus, and the last complete minute for operators. */
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
        ProjectionMetrics metrics = new ProjectionMetrics(List.of(named("lines"), named("warnings")), registry, null, null, clock);

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
}
