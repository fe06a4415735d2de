package com.uplift.application;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-line ordering, the bound and the deadline of {@link LineQueue}, with real threads and no Quarkus. */
class LineQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void commandsOnOneLineRunOneAtATimeInArrivalOrder() {
        LineQueue queue = new LineQueue(256, Duration.ofSeconds(10), new SimpleMeterRegistry());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<Uni<Integer>> commands = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            commands.add(queue.submit("line-1", queue.deadline(), () -> {
                started.add(n);
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                // finishes later, on another thread, as a database round trip would
                return Uni.createFrom().item(n).onItem().delayIt().by(Duration.ofMillis(2)).invoke(running::decrementAndGet);
            }));
        }
        // subscribed one after another: that is the arrival order
        List<CompletableFuture<Integer>> results = commands.stream().map(c -> c.subscribeAsCompletionStage()).toList();
        List<Integer> answers = results.stream().map(CompletableFuture::join).toList();

        assertThat(answers).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        assertThat(started).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(queue.waiting("line-1")).isZero();
    }

    @Test
    void differentLinesDoNotWaitForEachOther() {
        LineQueue queue = new LineQueue(256, Duration.ofSeconds(10), new SimpleMeterRegistry());
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> blocked = queue.submit("line-1", queue.deadline(),
                () -> Uni.createFrom().completionStage(first)).subscribeAsCompletionStage();
        String other = queue.submit("line-2", queue.deadline(), () -> Uni.createFrom().item("line 2 ran"))
                .await().atMost(WAIT);
        assertThat(other).isEqualTo("line 2 ran");
        assertThat(blocked).isNotDone();
        first.complete("line 1 ran");
        assertThat(blocked.join()).isEqualTo("line 1 ran");
    }

    @Test
    void aFullQueueRefusesTheNextCommandAtOnceWithoutRunningIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LineQueue queue = new LineQueue(2, Duration.ofSeconds(10), meters);
        CompletableFuture<String> running = new CompletableFuture<>();
        CompletableFuture<String> head = queue.submit("line-1", queue.deadline(),
                () -> Uni.createFrom().completionStage(running)).subscribeAsCompletionStage();
        List<CompletableFuture<String>> waiting = List.of(
                queue.submit("line-1", queue.deadline(), () -> Uni.createFrom().item("second")).subscribeAsCompletionStage(),
                queue.submit("line-1", queue.deadline(), () -> Uni.createFrom().item("third")).subscribeAsCompletionStage());
        assertThat(queue.waiting("line-1")).isEqualTo(2);

        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> queue.submit("line-1", queue.deadline(), () -> {
            ran.set(true);
            return Uni.createFrom().item("fourth");
        }).await().atMost(WAIT)).isInstanceOf(LineBusyException.class).hasMessageContaining("2 commands are already waiting");
        assertThat(ran).isFalse();
        assertThat(meters.get("uplift.commands.queue.refused").tag("reason", "queue-full").counter().count()).isEqualTo(1.0);

        running.complete("first");
        assertThat(head.join()).isEqualTo("first");
        assertThat(waiting.stream().map(CompletableFuture::join)).containsExactly("second", "third");
    }

    @Test
    void aCommandStillWaitingAtItsDeadlineIsRefusedAndNeverRuns() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LineQueue queue = new LineQueue(256, Duration.ofMillis(200), meters);
        CompletableFuture<String> running = new CompletableFuture<>();
        CompletableFuture<String> head = queue.submit("line-1", queue.deadline(),
                () -> Uni.createFrom().completionStage(running)).subscribeAsCompletionStage();
        AtomicBoolean ran = new AtomicBoolean();
        long before = System.nanoTime();
        assertThatThrownBy(() -> queue.submit("line-1", queue.deadline(), () -> {
            ran.set(true);
            return Uni.createFrom().item("late");
        }).await().atMost(WAIT)).isInstanceOf(LineBusyException.class).hasMessageContaining("PT0.2S");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(queue.waiting("line-1")).isZero();
        assertThat(meters.get("uplift.commands.queue.refused").tag("reason", "deadline").counter().count()).isEqualTo(1.0);

        // the running command was not cut off, and the line serves the next command as usual
        running.complete("done");
        assertThat(head.join()).isEqualTo("done");
        assertThat(queue.submit("line-1", queue.deadline(), () -> Uni.createFrom().item("next")).await().atMost(WAIT))
                .isEqualTo("next");
        assertThat(ran).isFalse();
    }

    @Test
    void aFailedCommandPassesItsFailureOnAndFreesTheLine() {
        LineQueue queue = new LineQueue(256, Duration.ofSeconds(10), new SimpleMeterRegistry());
        assertThatThrownBy(() -> queue.submit("line-1", queue.deadline(),
                () -> Uni.createFrom().<String>failure(new IllegalStateException("refused"))).await().atMost(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThatThrownBy(() -> queue.submit("line-1", queue.deadline(), () -> {
            throw new IllegalArgumentException("thrown while building");
        }).await().atMost(WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.submit("line-1", queue.deadline(), () -> Uni.createFrom().item("after")).await().atMost(WAIT))
                .isEqualTo("after");
    }
}
