package com.uplift.eventstore;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit's gathering, without a database: the sends are futures the test completes. */
class GroupedSendsTest {

    /** Items are "key:n"; items of one key never share a group (as two appends to one stream must not). */
    private static boolean otherKey(String next, List<String> group) {
        return group.stream().noneMatch(g -> key(g).equals(key(next)));
    }

    private static String key(String item) {
        return item.substring(0, item.indexOf(':'));
    }

    /** Records each group sent and lets the test end each send when it wants. */
    private static final class Sends {
        final List<List<String>> groups = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<List<GroupedSends.Outcome<String>>>> pending = new CopyOnWriteArrayList<>();

        Uni<List<GroupedSends.Outcome<String>>> send(List<String> group) {
            groups.add(group);
            CompletableFuture<List<GroupedSends.Outcome<String>>> done = new CompletableFuture<>();
            pending.add(done);
            return Uni.createFrom().completionStage(done);
        }

        /** Ends send {@code i}: each item's result is its text in upper case, or a failure for items marked "!". */
        void answer(int i) {
            List<GroupedSends.Outcome<String>> outcomes = new ArrayList<>();
            for (String item : groups.get(i)) {
                outcomes.add(item.endsWith("!") ? GroupedSends.Outcome.failed(new IllegalStateException(item))
                        : GroupedSends.Outcome.of(item.toUpperCase()));
            }
            pending.get(i).complete(outcomes);
        }
    }

    @Test
    void a_lone_item_goes_at_once_and_items_arriving_meanwhile_go_together_after_it() {
        Sends sends = new Sends();
        GroupedSends<String, String> grouped = new GroupedSends<>(1, 10, GroupedSendsTest::otherKey, sends::send);

        CompletableFuture<String> a = grouped.submit("a:1").subscribeAsCompletionStage();
        assertThat(sends.groups).containsExactly(List.of("a:1"));
        CompletableFuture<String> b = grouped.submit("b:1").subscribeAsCompletionStage();
        CompletableFuture<String> c = grouped.submit("c:1").subscribeAsCompletionStage();
        CompletableFuture<String> d = grouped.submit("d:1").subscribeAsCompletionStage();
        // one send in flight: the others wait for it, not sent yet
        assertThat(sends.groups).hasSize(1);
        assertThat(b).isNotDone();

        sends.answer(0);
        assertThat(a).isCompletedWithValue("A:1");
        assertThat(sends.groups).containsExactly(List.of("a:1"), List.of("b:1", "c:1", "d:1"));
        assertThat(b).isNotDone();
        sends.answer(1);
        assertThat(List.of(b.join(), c.join(), d.join())).containsExactly("B:1", "C:1", "D:1");
        assertThat(grouped.sent()).containsExactly(2, 4);
    }

    @Test
    void an_item_that_does_not_fit_waits_for_the_next_group_without_being_overtaken_by_its_own_key() {
        Sends sends = new Sends();
        GroupedSends<String, String> grouped = new GroupedSends<>(1, 10, GroupedSendsTest::otherKey, sends::send);
        grouped.submit("x:0").subscribeAsCompletionStage();
        List.of("a:1", "b:1", "a:2", "c:1", "a:3").forEach(item -> grouped.submit(item).subscribeAsCompletionStage());

        sends.answer(0);
        sends.answer(1);
        sends.answer(2);
        assertThat(sends.groups).containsExactly(List.of("x:0"), List.of("a:1", "b:1", "c:1"), List.of("a:2"), List.of("a:3"));
    }

    @Test
    void groups_hold_at_most_max_group_items_and_at_most_in_flight_sends_run() {
        Sends sends = new Sends();
        GroupedSends<String, String> grouped = new GroupedSends<>(2, 3, GroupedSendsTest::otherKey, sends::send);
        for (int i = 0; i < 9; i++) {
            grouped.submit("k" + i + ":1").subscribeAsCompletionStage();
        }
        // the first two went alone, one per free send; seven wait
        assertThat(sends.groups).containsExactly(List.of("k0:1"), List.of("k1:1"));
        sends.answer(1);
        assertThat(sends.groups.get(2)).containsExactly("k2:1", "k3:1", "k4:1");
        sends.answer(0);
        assertThat(sends.groups.get(3)).containsExactly("k5:1", "k6:1", "k7:1");
        sends.answer(2);
        assertThat(sends.groups.get(4)).containsExactly("k8:1");
        assertThat(sends.groups).hasSize(5);
    }

    @Test
    void each_item_gets_its_own_outcome_and_a_failed_send_fails_every_item_of_its_group() {
        Sends sends = new Sends();
        GroupedSends<String, String> grouped = new GroupedSends<>(1, 10, GroupedSendsTest::otherKey, sends::send);
        CompletableFuture<String> first = grouped.submit("a:1").subscribeAsCompletionStage();
        CompletableFuture<String> fine = grouped.submit("b:1").subscribeAsCompletionStage();
        CompletableFuture<String> refused = grouped.submit("c:1!").subscribeAsCompletionStage();

        sends.pending.getFirst().completeExceptionally(new IllegalStateException("connection closed"));
        assertThatThrownBy(first::join).hasRootCauseMessage("connection closed");
        assertThat(sends.groups.get(1)).containsExactly("b:1", "c:1!");
        sends.answer(1);
        assertThat(fine).isCompletedWithValue("B:1");
        assertThatThrownBy(refused::join).hasRootCauseMessage("c:1!");

        // the failed send freed its slot: the next item goes at once
        grouped.submit("d:1").subscribeAsCompletionStage();
        assertThat(sends.groups.get(2)).containsExactly("d:1");
    }

    @Test
    void under_concurrent_submitters_every_item_is_sent_once_and_answered_with_its_own_result() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong();
        java.util.Random random = new java.util.Random(seed);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<String> sent = new CopyOnWriteArrayList<>();
        GroupedSends<String, String> grouped = new GroupedSends<>(3, 16, GroupedSendsTest::otherKey, group -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sent.addAll(group);
            return Uni.createFrom().item(group.stream().map(item -> GroupedSends.Outcome.of(item.toUpperCase())).toList())
                    .onItem().delayIt().by(Duration.ofMillis(1 + random.nextInt(2)))
                    .invoke(inFlight::decrementAndGet);
        });
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        List<CompletableFuture<String>> answers = new CopyOnWriteArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            items.add("k" + random.nextInt(50) + ":" + i);
        }
        for (String item : items) {
            submitters.submit(() -> answers.add(grouped.submit(item)
                    .map(answer -> item + "=" + answer).subscribeAsCompletionStage()));
        }
        submitters.shutdown();
        assertThat(submitters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(sent).as("seed %d", seed).hasSize(items.size()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(answers.stream().map(CompletableFuture::join).toList()).as("seed %d", seed)
                .allSatisfy(answer -> assertThat(answer.substring(answer.indexOf('=') + 1))
                        .isEqualTo(answer.substring(0, answer.indexOf('=')).toUpperCase()));
        assertThat(mostInFlight.get()).as("seed %d", seed).isLessThanOrEqualTo(3);
        long[] counts = grouped.sent();
        assertThat(counts[1]).isEqualTo(items.size());
        assertThat(counts[0]).as("groups formed while sends were in flight").isLessThan(items.size());
    }
}
