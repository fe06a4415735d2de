package com.uplift.eventstore;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** One log line per interval for an outage's many refusals, saying how many it stood for. */
class SparseTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theFirstIsAdmittedTheRestOfTheIntervalCountedAndTheNextAdmittedSaysHowMany() {
        Sparse sparse = new Sparse(10 * SECOND);
        long t = -5 * SECOND; // nanoTime may be negative
        assertThat(sparse.admit(t)).isZero();
        assertThat(sparse.admit(t + 1)).isEqualTo(Sparse.NOT_ADMITTED);
        assertThat(sparse.admit(t + 9 * SECOND)).isEqualTo(Sparse.NOT_ADMITTED);
        assertThat(sparse.admit(t + 10 * SECOND - 1)).isEqualTo(Sparse.NOT_ADMITTED);
        assertThat(sparse.admit(t + 10 * SECOND)).isEqualTo(3);
        assertThat(sparse.admit(t + 11 * SECOND)).isEqualTo(Sparse.NOT_ADMITTED);
        assertThat(sparse.admit(t + 60 * SECOND)).isEqualTo(1);
        assertThat(sparse.admit(t + 70 * SECOND)).isZero();
    }

    @Test
    void manyThreadsAtOnceAdmitOneAndLoseNoCount() throws Exception {
        Sparse sparse = new Sparse(3600 * SECOND);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8_000; i++) {
            threads.submit(() -> {
                if (sparse.admit(0) != Sparse.NOT_ADMITTED) {
                    admitted.incrementAndGet();
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(admitted).hasValue(1);
        assertThat(sparse.admit(3600 * SECOND)).isEqualTo(7_999);
    }
}
