package com.uplift.application;

import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.eventstore.Checkpoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's own rules; that a stale entry never commits is shown against the real store in SecondWriterTest. */
class LineCacheTest {

    private static final String LINE = "line-1";

    @Test
    void anEntryOnlyMovesForwardSoASlowerWriterCannotPutBackAnOlderVersion() {
        LineCache cache = new LineCache(100, Duration.ofMinutes(5));
        cache.remember(at(5));
        cache.remember(at(3));
        assertThat(cache.get(LINE)).map(CreditLineSnapshot::version).hasValue(5L);
        cache.remember(at(6));
        assertThat(cache.get(LINE)).map(CreditLineSnapshot::version).hasValue(6L);
    }

    @Test
    void aForgottenLineIsNoLongerCachedAndALineThatDoesNotExistIsNeverCached() {
        LineCache cache = new LineCache(100, Duration.ofMinutes(5));
        cache.remember(at(4));
        cache.forget(LINE);
        assertThat(cache.get(LINE)).isEmpty();
        cache.remember(at(0));
        assertThat(cache.get(LINE)).isEmpty();
    }

    @Test
    void anEntryKeepsTheStateButNotTheEventsTheLastCommandAppended() {
        LineCache cache = new LineCache(100, Duration.ofMinutes(5));
        CreditLineEvent appended = new CreditLineEvent.DrawdownRecorded(new BigDecimal("1.00"), new BigDecimal("1.00"), Instant.EPOCH);
        cache.remember(new CreditLineSnapshot(LINE, CreditLineDecider.initialState(), 2, new Checkpoint(1, 2), List.of(appended)));
        assertThat(cache.get(LINE)).hasValueSatisfying(line -> {
            assertThat(line.appended()).isEmpty();
            assertThat(line.checkpoint()).isEqualTo(new Checkpoint(1, 2));
        });
    }

    @Test
    void zeroLinesSwitchesTheCacheOff() {
        LineCache off = new LineCache(0, Duration.ofMinutes(5));
        off.remember(at(5));
        assertThat(off.get(LINE)).isEmpty();
    }

    @Test
    void theCacheHoldsAtMostItsBoundOfLines() {
        LineCache cache = new LineCache(10, Duration.ofMinutes(5));
        for (int i = 0; i < 1_000; i++) {
            cache.remember(new CreditLineSnapshot("line-" + i, CreditLineDecider.initialState(), 1, Checkpoint.START, List.of()));
        }
        long cached = java.util.stream.IntStream.range(0, 1_000).filter(i -> cache.get("line-" + i).isPresent()).count();
        assertThat(cached).isLessThanOrEqualTo(10);
        assertThat(cache.get("line-999")).as("the line used last").isPresent();
    }

    private static CreditLineSnapshot at(long version) {
        return new CreditLineSnapshot(LINE, CreditLineDecider.initialState(), version, new Checkpoint(version, version), List.of());
    }
}
