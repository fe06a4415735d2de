package com.uplift.servicingfeed;

import com.uplift.application.ScheduledRuns;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.integration.CreditLineEventsPublisher;
import com.uplift.integration.CreditLineEventsTopic;
import com.uplift.readmodel.ProjectionLeadership;
import com.uplift.testing.Api;
import com.uplift.testing.KafkaTestResource;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.PackagedInstance;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.uplift.servicingfeed.ServicingFactMessagesTest.message;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances as one (issue 13): this test's application and the packaged service in a process of its own
 * ({@link PackagedInstance}), on one PostgreSQL and one broker, share a six-partition servicing-facts topic as one
 * consumer group. A plain producer sends 2,500 facts over 50 lines in three phases: both instances consume the
 * first; the packaged one is killed with SIGKILL in the middle of the second while it leads every projection and the
 * outbound publisher; the survivor alone takes the third. Then, with values:
 * <ul>
 * <li>the partitions were shared (the group's assignment, and both instances' recorded-facts counters);</li>
 * <li>every fact is recorded exactly once (one fact event per message id), each line's facts in the order produced,
 *     nothing dead-lettered, although the killed instance's facts were all delivered again (it commits no offset, see
 *     {@link #otherInstance}), and the group's committed offsets reach the end of every partition;</li>
 * <li>projections and the publisher move to the survivor within {@value #LEADERSHIP_BOUND_SECONDS} s of the kill
 *     (the advisory lock dies with the killed process's connection, and the survivor asks at its next poll,
 *     {@code uplift.projections.poll-interval-ms}); the read models reach the store's head, and the outbound topic
 *     carries every published event of every line, in stream order once repeats are dropped;</li>
 * <li>every scheduled job ran at most once per interval across both instances, and went on running on the survivor.</li>
 * </ul>
 * Facts per line cycle through a drawdown of 500.00, one of 420.00 (92% of the 1,000.00 limit: a HIGH_UTILIZATION
 * warning, published), a service note and a repayment of 920.00 (the warning cleared, published): a fact applied out
 * of order would be refused (a drawdown beyond the available credit) and show up as a dead letter.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(TwoInstancesShareTheFeedTest.SharedFeed.class)
class TwoInstancesShareTheFeedTest {

    private static final Logger LOG = Logger.getLogger(TwoInstancesShareTheFeedTest.class);
    static final String TOPIC = "ha-servicing-facts";
    static final String BUREAU_TOPIC = "ha-bureau-reports";
    static final String GROUP = "uplift-ha-test";
    static final int PARTITIONS = 6;
    private static final int LINES = 50;
    /** Facts per line in each phase: two instances, the kill, the survivor alone. */
    private static final int[] PHASES = {12, 26, 12};
    private static final int FACTS_PER_LINE = IntStream.of(PHASES).sum();
    private static final int FACTS = LINES * FACTS_PER_LINE;
    private static final long LEADERSHIP_BOUND_SECONDS = 10;
    /** The consumer's session.timeout.ms (10 s, application.properties) and a rebalance, on a loaded machine. */
    private static final Duration PARTITION_TAKEOVER_BOUND = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String YESTERDAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
    private static final List<String> FACT_TYPES = List.of("DrawdownRecorded", "RepaymentRecorded", "ServiceNoteRecorded");
    private static final List<String> JOBS = List.of("reassessment", "audit-anchor", "idempotency-purge");
    private static final String RECORDED = "uplift_servicing_feed_facts_total";

    /** Both instances read the same topics as one group, and run every schedule every 2 s. */
    private static final Map<String, String> SHARED = Map.of(
            "uplift.servicing-feed.topic", TOPIC,
            "uplift.servicing-feed.bureau-topic", BUREAU_TOPIC,
            "mp.messaging.incoming.servicing-facts.group.id", GROUP,
            "uplift.reassessment.interval", "2s", "uplift.reassessment.delay", "1s",
            "uplift.audit.anchor-interval", "2s", "uplift.audit.anchor-delay", "1s",
            "uplift.idempotency.purge-interval", "2s", "uplift.idempotency.purge-delay", "1s");

    /** A database of its own (the test counts every event in it); the scheduler waits until the run records are in place. */
    public static class SharedFeed extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(SHARED);
            config.put("quarkus.scheduler.start-mode", "halted");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SixPartitionTopics.class));
        }
    }

    /**
     * Creates the topics with {@value #PARTITIONS} partitions before the application starts: its consumer would
     * otherwise create them on subscribing, with the broker's default of 3.
     */
    public static class SixPartitionTopics implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1), new NewTopic(BUREAU_TOPIC, PARTITIONS, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the test's topics", e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    /** Records every interval a scheduled job won, and by whom: scheduled_runs itself keeps only the latest. */
    private static final String RECORD_RUNS = """
            CREATE TABLE runs_won (job TEXT, interval_start TIMESTAMPTZ, claimed_by TEXT, won_at TIMESTAMPTZ DEFAULT clock_timestamp());
            CREATE FUNCTION record_run() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO runs_won (job, interval_start, claimed_by) VALUES (NEW.job, NEW.interval_start, NEW.claimed_by);
                RETURN NULL;
            END $$;
            -- an ON CONFLICT update whose WHERE is false updates no row, so this fires for the winning claims only
            CREATE TRIGGER record_run AFTER INSERT OR UPDATE ON scheduled_runs FOR EACH ROW EXECUTE FUNCTION record_run()""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mp.messaging.outgoing.credit-line-events.topic")
    String outboundTopic;
    @Inject
    Pool pool;
    @Inject
    Scheduler scheduler;
    @Inject
    ProjectionLeadership leadership;
    @Inject
    KafkaClientService kafkaClients;
    @Inject
    EventTypeRegistry eventTypes;
    @Inject
    ConsumerLag lag;
    @Inject
    ScheduledRuns thisInstance;

    @Test
    void twoInstancesShareThePartitionsAndAfterAKillNineTheSurvivorRecordsEveryFactOnceInOrder() throws Exception {
        assertThat(scheduler.isRunning()).as("this instance waits for the run records (start-mode halted)").isFalse();
        pool.query(RECORD_RUNS).execute().await().atMost(Duration.ofSeconds(30));
        List<String> lines = IntStream.range(0, LINES).mapToObj(i -> Api.openLine("B-HA-" + i, "1000.00")).toList();
        Instant killedAt;
        double otherRecordedBeforeKill;
        double bothPerSecond;
        double alonePerSecond;
        Duration leadershipMoved;
        Duration partitionsMoved;
        try (PackagedInstance other = PackagedInstance.start("ha-feed-other", otherInstance(), Duration.ofSeconds(180));
             FactsTopic producer = new FactsTopic(bootstrapServers);
             Admin admin = admin()) {
            scheduler.resume();

            // 1. One group, two members, the six partitions split between them.
            await("the group's six partitions split between the two instances (other's log: " + other.log() + ")")
                    .atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        List<Set<Integer>> shares = shares(admin);
                        assertThat(shares).as("members' partitions of " + TOPIC).hasSize(2).allSatisfy(s -> assertThat(s).isNotEmpty());
                        assertThat(shares.stream().mapToInt(Set::size).sum()).isEqualTo(PARTITIONS);
                        assertThat(shares.stream().flatMap(Set::stream).collect(Collectors.toSet()))
                                .containsExactlyInAnyOrderElementsOf(allPartitions());
                        assertThat(shares).contains(here());
                    });
            // 2. The instance to be killed leads every projection and the publisher, so that the kill takes the leader.
            leadEverythingOn(other);

            // 3. Phase one: both instances consume.
            bothPerSecond = produceAndAwait(producer, lines, 0, PHASES[0]);
            double hereRecordedPhaseOne = recorded(localMetric(RECORDED));
            double otherRecordedPhaseOne = recorded(other.metric(RECORDED));
            LOG.infof("phase one, two instances: %d facts at %.0f facts/s; recorded here %.0f, on the other instance %.0f",
                    LINES * PHASES[0], bothPerSecond, hereRecordedPhaseOne, otherRecordedPhaseOne);
            assertThat(hereRecordedPhaseOne).as("facts recorded by this instance in phase one").isPositive();
            assertThat(otherRecordedPhaseOne).as("facts recorded by the other instance in phase one").isPositive();

            // 4. Phase two: the other instance is killed mid-stream.
            int phaseTwoEnd = LINES * (PHASES[0] + PHASES[1]);
            send(producer, lines, PHASES[0], PHASES[0] + PHASES[1]);
            double otherSoFar;
            do { // until the other instance has recorded some of phase two
                Thread.sleep(100);
                otherSoFar = recorded(other.metric(RECORDED));
            } while (otherSoFar < otherRecordedPhaseOne + 60 && factEvents() < phaseTwoEnd);
            assertThat(leadsAll(other)).as("the instance about to be killed leads every projection").isTrue();
            other.kill();
            killedAt = Instant.now();
            otherRecordedBeforeKill = otherSoFar;
            long factsAfterKill = factEvents();
            LOG.infof("killed the other instance with %d of %d facts of phase two recorded (%.0f by it in all)",
                    factsAfterKill - LINES * PHASES[0], LINES * PHASES[1], otherRecordedBeforeKill);
            assertThat(factsAfterKill).as("killed mid-stream: facts of phase two still to record").isLessThan(phaseTwoEnd);

            // 5. Leadership and partitions move to the survivor.
            await("every projection running here").atMost(Duration.ofSeconds(LEADERSHIP_BOUND_SECONDS)).pollInterval(Duration.ofMillis(100))
                    .until(() -> leadsAll(null));
            leadershipMoved = Duration.between(killedAt, Instant.now());
            await("all six partitions assigned here").atMost(PARTITION_TAKEOVER_BOUND).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(here()).containsExactlyInAnyOrderElementsOf(allPartitions()));
            partitionsMoved = Duration.between(killedAt, Instant.now());
            await("phase two recorded by the survivor").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> factEvents() >= phaseTwoEnd);
            LOG.infof("after kill -9: projections here after %d ms, partitions here after %d ms, phase two complete after %d ms",
                    leadershipMoved.toMillis(), partitionsMoved.toMillis(), Duration.between(killedAt, Instant.now()).toMillis());

            // 6. Phase three: the survivor alone.
            alonePerSecond = produceAndAwait(producer, lines, PHASES[0] + PHASES[1], FACTS_PER_LINE);
        }
        LOG.infof("facts/s: two instances %.0f, the survivor alone %.0f (ratio %.2f); takeover after kill -9: projections %d ms, "
                        + "partitions %d ms", bothPerSecond, alonePerSecond, bothPerSecond / alonePerSecond,
                leadershipMoved.toMillis(), partitionsMoved.toMillis());

        everyFactOnceInOrderNothingDeadLettered(otherRecordedBeforeKill);
        everyPartitionCommittedToItsEnd();
        readModelsAndPublisherCaughtUp(lines);
        scheduledJobsRanOnceAndGoOnHere(killedAt);
    }

    /** Exactly once, per line in the order produced; and more deliveries than facts, so redeliveries appended nothing. */
    private void everyFactOnceInOrderNothingDeadLettered(double otherRecordedBeforeKill) {
        Map<String, Long> perMessage = new HashMap<>();
        Map<String, List<String>> perStream = new LinkedHashMap<>();
        for (Row row : query("""
                SELECT stream_id, metadata->>'correlationId' AS message_id FROM events
                WHERE event_type = ANY($1) AND metadata->>'channel' = 'STREAM' ORDER BY stream_id, stream_version""",
                (Object) FACT_TYPES.toArray(String[]::new))) {
            perMessage.merge(row.getString("message_id"), 1L, Long::sum);
            perStream.computeIfAbsent(row.getString("stream_id"), s -> new ArrayList<>()).add(row.getString("message_id"));
        }
        assertThat(perMessage).as("message ids recorded").hasSize(FACTS);
        assertThat(perMessage.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
                .as("message ids recorded more than once").isEmpty();
        assertThat(perStream).hasSize(LINES);
        perStream.forEach((stream, messages) -> {
            String line = messages.get(0).substring(0, messages.get(0).lastIndexOf('-'));
            assertThat(messages).as("facts of %s in stream order", stream).containsExactlyElementsOf(
                    IntStream.range(0, FACTS_PER_LINE).mapToObj(i -> line + "-" + i).toList());
        });
        assertThat(query("SELECT count(*) FROM dead_letters").iterator().next().getLong(0)).as("dead letters").isZero();
        double survivorRecorded = recorded(localMetric(RECORDED));
        LOG.infof("deliveries: %.0f recorded here, at least %.0f on the killed instance, for %d facts: at least %.0f delivered twice",
                survivorRecorded, otherRecordedBeforeKill, FACTS, survivorRecorded + otherRecordedBeforeKill - FACTS);
        assertThat(survivorRecorded + otherRecordedBeforeKill).as("deliveries answered, over both instances")
                .isGreaterThan(FACTS);
        assertThat(localMetric("uplift_servicing_feed_facts_total").get(Map.of("outcome", "dead-lettered")))
                .as("dead-lettered here").isIn(null, 0.0);
    }

    /** No stuck partition: the group has committed every partition up to its end, and this instance measures no lag. */
    private void everyPartitionCommittedToItsEnd() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = allPartitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p.partition(), info.offset()));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(FACTS);
            await("the group's offsets committed to the end of every partition").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        Map<Integer, Long> committed = new TreeMap<>();
                        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                                .forEach((p, offset) -> {
                                    if (p.topic().equals(TOPIC)) {
                                        committed.put(p.partition(), offset.offset());
                                    }
                                });
                        assertThat(committed).isEqualTo(ends);
                    });
        }
        await("no lag measured on any partition").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, Long> facts = new TreeMap<>(lag.current());
                    facts.keySet().removeIf(partition -> !partition.startsWith(TOPIC + "-"));
                    assertThat(facts).containsOnlyKeys(allPartitions().stream().map(p -> TOPIC + "-" + p).toArray(String[]::new))
                            .allSatisfy((partition, records) -> assertThat(records).as(partition).isZero());
                });
    }

    /**
     * The read models at the store's head (every projection's lag 0, here), each line's drawn amount as its facts left
     * it; and the outbound topic carries every published event of every line, in stream order once repeats are dropped.
     */
    private void readModelsAndPublisherCaughtUp(List<String> lines) {
        await("every projection caught up, on this instance").atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> projections = Api.as("admin").get("/api/admin/projections").then().statusCode(200)
                    .extract().jsonPath().getList("");
            assertThat(projections).isNotEmpty().allSatisfy(p -> {
                assertThat(p.get("runsHere")).as("%s runs here", p.get("name")).isEqualTo(true);
                assertThat(((Number) p.get("lagEvents")).longValue()).as("%s lag", p.get("name")).isZero();
            });
        });
        for (int i = 0; i < LINES; i++) {
            JsonPath line = Api.as("officer1").get("/api/credit-lines?borrowerId=B-HA-" + i).jsonPath();
            assertThat(line.getString("items[0].id")).isEqualTo(lines.get(i));
            assertThat(line.getDouble("items[0].drawn")).as("drawn on line %d in the read model", i).isEqualTo(920.00);
        }

        Set<String> publishedTypes = CreditLineEventsPublisher.PUBLISHED.stream().map(c -> eventTypes.typeOf(c).name())
                .collect(Collectors.toSet());
        Map<String, List<String>> stored = new TreeMap<>();
        for (Row row : query("SELECT stream_id, event_id::text AS event_id FROM events WHERE event_type = ANY($1) "
                + "ORDER BY stream_id, stream_version", (Object) publishedTypes.toArray(String[]::new))) {
            stored.computeIfAbsent(row.getString("stream_id"), s -> new ArrayList<>()).add(row.getString("event_id"));
        }
        long expected = stored.values().stream().mapToLong(List::size).sum();
        assertThat(expected).as("published events stored: openings, warnings raised and cleared").isGreaterThan(LINES * 20L);
        Set<String> ours = new HashSet<>(lines);
        try (CreditLineEventsTopic outbound = new CreditLineEventsTopic(bootstrapServers, outboundTopic)) {
            List<CreditLineEventsTopic.Received> all = outbound.readAllUntil(received -> CreditLineEventsTopic.withoutRepeats(
                    received.stream().filter(r -> ours.contains(r.key())).toList()).size() >= expected, WAIT);
            List<CreditLineEventsTopic.Received> mine = all.stream().filter(r -> ours.contains(r.key())).toList();
            Map<String, List<String>> published = new TreeMap<>();
            CreditLineEventsTopic.withoutRepeats(mine).forEach(r -> published
                    .computeIfAbsent(r.body().get("streamId").asText(), s -> new ArrayList<>()).add(r.eventId()));
            LOG.infof("outbound: %d records for %d events of our lines (%d repeats)", mine.size(), expected, mine.size() - expected);
            assertThat(published).as("each line's published events, once each, in stream order").isEqualTo(stored);
        }
    }

    /** Every job won at most once per interval across the two instances, and kept winning here after the kill. */
    private void scheduledJobsRanOnceAndGoOnHere(Instant killedAt) {
        await("every job run on the survivor after the kill").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> JOBS.forEach(job -> assertThat(count(
                        "SELECT count(*) FROM runs_won WHERE job = $1 AND won_at > $2 AND claimed_by = $3",
                        job, killedAt.atOffset(ZoneOffset.UTC), thisInstance.instance())).as("%s runs here after the kill", job).isPositive()));
        for (String job : JOBS) {
            List<String> twice = new ArrayList<>();
            query("SELECT interval_start::text || ' by ' || string_agg(claimed_by, ', ') FROM runs_won WHERE job = $1 "
                    + "GROUP BY interval_start HAVING count(*) > 1", job).forEach(row -> twice.add(row.getString(0)));
            assertThat(twice).as("%s: intervals run more than once", job).isEmpty();
            LOG.infof("%s: %d intervals run, %d of them by the killed instance, none twice", job,
                    count("SELECT count(*) FROM runs_won WHERE job = $1", job),
                    count("SELECT count(*) FROM runs_won WHERE job = $1 AND claimed_by <> $2", job, thisInstance.instance()));
        }
    }

    /**
     * Moves every projection's leadership to {@code other}: this instance lets go of what it holds (as a lost
     * connection would), and whichever instance asks first at its next poll takes each lock; repeated until the other
     * holds them all.
     */
    private void leadEverythingOn(PackagedInstance other) {
        await("every projection led by the other instance").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1500))
                .until(() -> {
                    if (leadsAll(other)) {
                        return true;
                    }
                    leadership.release().await().atMost(Duration.ofSeconds(10));
                    return false;
                });
    }

    /** True when every projection runs on {@code instance} (null: this one). */
    private static boolean leadsAll(PackagedInstance instance) {
        var request = instance == null ? Api.as("admin") : instance.as("admin");
        List<Map<String, Object>> projections = request.get("/api/admin/projections").then().statusCode(200)
                .extract().jsonPath().getList("");
        return !projections.isEmpty() && projections.stream().allMatch(p -> Boolean.TRUE.equals(p.get("runsHere")));
    }

    /** Sends facts {@code from} (inclusive) to {@code to} of every line, and measures how fast they are recorded. */
    private double produceAndAwait(FactsTopic producer, List<String> lines, int from, int to) {
        long target = (long) LINES * to;
        long start = System.nanoTime();
        send(producer, lines, from, to);
        await("facts up to " + to + " of every line recorded").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> factEvents() >= target);
        return LINES * (to - from) / ((System.nanoTime() - start) / 1e9);
    }

    /** Line by line within each fact number: every line's facts go out in their own order, on their own partition. */
    private static void send(FactsTopic producer, List<String> lines, int from, int to) {
        for (int fact = from; fact < to; fact++) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                producer.sendAsync(TOPIC, line, fact(line, "ha-" + i + "-" + fact, fact));
            }
        }
        producer.flush();
    }

    /** The fact number {@code n} of a line: drawdown 500, drawdown 420, a note, repayment 920, and again. */
    private static String fact(String line, String messageId, int n) {
        return switch (n % 4) {
            case 0 -> message(messageId, FactType.DRAWDOWN, line, "{\"amount\":500.00}");
            case 1 -> message(messageId, FactType.DRAWDOWN, line, "{\"amount\":420.00}");
            case 2 -> message(messageId, FactType.SERVICE_NOTE, line, "{\"text\":\"confirmed the postal address\"}");
            default -> message(messageId, FactType.REPAYMENT, line,
                    "{\"amount\":920.00,\"dueDate\":\"" + YESTERDAY + "\",\"paidOn\":\"" + YESTERDAY + "\"}");
        };
    }

    /**
     * The packaged instance: this database, the same topics, group and schedules. It commits no offset during the test
     * (a commit interval of an hour, where 1 s is the default), so that after the kill every fact it recorded is
     * delivered again to the survivor: the worst case of a crash between recording and committing.
     */
    private static Map<String, String> otherInstance() {
        Map<String, String> config = new HashMap<>(PackagedInstance.sharingThisDatabase());
        config.putAll(SHARED);
        config.put("mp.messaging.incoming.servicing-facts.auto.commit.interval.ms", "3600000");
        return config;
    }

    /** This instance's partitions of the facts topic. */
    private Set<Integer> here() {
        return kafkaClients.getConsumer(ServicingFactsConsumer.CHANNEL).getAssignments().await().atMost(Duration.ofSeconds(10))
                .stream().filter(p -> p.topic().equals(TOPIC)).map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Each group member's partitions of the facts topic, as the group coordinator has assigned them. */
    private static List<Set<Integer>> shares(Admin admin) throws InterruptedException, ExecutionException {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        List<Set<Integer>> shares = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            shares.add(member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(TOPIC))
                    .map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new)));
        }
        return shares;
    }

    private static List<Integer> allPartitions() {
        return IntStream.range(0, PARTITIONS).boxed().toList();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()));
    }

    /** Facts recorded from the stream so far (their own events, not what they trigger). */
    private long factEvents() {
        return count("SELECT count(*) FROM events WHERE event_type = ANY($1) AND metadata->>'channel' = 'STREAM'",
                (Object) FACT_TYPES.toArray(String[]::new));
    }

    private static double recorded(Map<Map<String, String>, Double> samples) {
        return samples.getOrDefault(Map.of("outcome", "recorded"), 0.0);
    }

    private static Map<Map<String, String>, Double> localMetric(String name) {
        return PackagedInstance.metric(management().get("/q/metrics").then().statusCode(200).extract().asString(), name);
    }

    private long count(String sql, Object... parameters) {
        return query(sql, parameters).iterator().next().getLong(0);
    }

    private io.vertx.mutiny.sqlclient.RowSet<Row> query(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters))).await().atMost(Duration.ofSeconds(30));
    }
}
