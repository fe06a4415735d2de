package com.uplift.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which broker a start gets, decided before anything connects; no broker is started here. */
class EmbeddedKafkaConfigSourceFactoryTest {

    /** As in a packaged application, where the build's deployment classes are absent. */
    private final EmbeddedKafkaConfigSourceFactory factory = new EmbeddedKafkaConfigSourceFactory() {
        @Override
        boolean buildTooling() {
            return false;
        }
    };

    @Test
    void aConfiguredClusterNeedsNoEmbeddedBroker() {
        assertThat(factory.getConfigSources(EmbeddedDatabaseConfigSourceFactoryTest.context(Map.of(
                EmbeddedKafkaConfigSourceFactory.BOOTSTRAP_SERVERS, "kafka-1:9092", EmbeddedKafkaConfigSourceFactory.ENABLED, "true"))))
                .isEmpty();
    }

    @Test
    void withKafkaSwitchedOffNothingIsStartedOrRefused() {
        assertThat(factory.getConfigSources(EmbeddedDatabaseConfigSourceFactoryTest.context(Map.of(
                EmbeddedKafkaConfigSourceFactory.KAFKA_ENABLED, "false", EmbeddedKafkaConfigSourceFactory.ENABLED, "true"))))
                .isEmpty();
    }

    @Test
    void aPackagedStartWithNoClusterNoOptInAndKafkaOnFailsFastSayingWhatToSet() {
        assertThatThrownBy(() -> factory.getConfigSources(EmbeddedDatabaseConfigSourceFactoryTest.context(Map.of(
                EmbeddedKafkaConfigSourceFactory.ENABLED, "false"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("UPLIFT_EMBEDDED_KAFKA_ENABLED=true")
                .hasMessageContaining("UPLIFT_KAFKA_ENABLED=false");
    }

    @Test
    void outsideProductionAMissingBrokerIsLeftToTheTestsOrTools() {
        assertThat(factory.getConfigSources(EmbeddedDatabaseConfigSourceFactoryTest.context(Map.of(), "test"))).isEmpty();
    }

    @Test
    void theBuildItselfNeitherStartsNorRefuses() {
        assertThat(new EmbeddedKafkaConfigSourceFactory().getConfigSources(EmbeddedDatabaseConfigSourceFactoryTest.context(Map.of())))
                .isEmpty();
    }
}
