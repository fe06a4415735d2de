package com.uplift.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The test profile of the outage tests: a PostgreSQL of their own ({@link StoppablePostgres}, never the shared test
 * database), which they stop and start again (each test brings it back when it ends), the shared Kafka broker, and the
 * servicing feed on topics and a consumer group of their own, so that records of other tests never reach it. One
 * profile for all of them: each profile costs the integration lane a build and a start of its application, and these
 * tests leave the database as they found it, running.
 */
public class StoppableDatabase implements QuarkusTestProfile {

    /** The servicing facts topic of this profile's application. */
    public static final String SERVICING_FACTS_TOPIC = "outage-servicing-facts";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoppablePostgres.class), new TestResourceEntry(KafkaTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true; // not the shared database: these tests take their database away
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("uplift.servicing-feed.topic", SERVICING_FACTS_TOPIC,
                "uplift.servicing-feed.bureau-topic", "outage-bureau-reports",
                "mp.messaging.incoming.servicing-facts.group.id", "uplift-outage-test",
                "uplift.servicing-feed.retry-max-backoff", "PT1S");
    }
}
