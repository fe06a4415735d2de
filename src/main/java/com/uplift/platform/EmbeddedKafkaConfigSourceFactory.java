package com.uplift.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static com.uplift.platform.EmbeddedDatabaseConfigSourceFactory.isSet;
import static com.uplift.platform.EmbeddedDatabaseConfigSourceFactory.value;

/**
 * Gives the service a Kafka broker when none is configured: a real single-node Apache Kafka (KRaft) in this JVM
 * ({@link EmbeddedKafka}), its data in a folder across restarts, started before Quarkus Messaging connects because
 * configuration is built first. The local run's default (dev profile); a packaged run opts in with
 * {@code UPLIFT_EMBEDDED_KAFKA_ENABLED=true}, uses a cluster with {@code KAFKA_BOOTSTRAP_SERVERS}, or runs without
 * Kafka (REST only) with {@code UPLIFT_KAFKA_ENABLED=false}; with none of the three its start fails saying so, rather
 * than knocking on localhost:9092 for ever. The tests start their broker in a test resource instead (random port,
 * temporary folder).
 * <p>
 * Dev-mode hot reload builds the configuration again in the same JVM, so the running broker is remembered in a
 * system property rather than started twice on the same folder.
 */
public class EmbeddedKafkaConfigSourceFactory implements ConfigSourceFactory {

    static final String KAFKA_ENABLED = "uplift.kafka.enabled";
    static final String ENABLED = "uplift.embedded-kafka.enabled";
    static final String PORT = "uplift.embedded-kafka.port";
    static final String DATA_DIR = "uplift.embedded-kafka.data-dir";
    static final String PARTITIONS = "uplift.embedded-kafka.partitions";
    static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    private static final String RUNNING = "uplift.embedded-kafka.running-bootstrap-servers";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if ("false".equalsIgnoreCase(value(context, KAFKA_ENABLED)) || isSet(context, BOOTSTRAP_SERVERS)) {
            return List.of(); // REST only, or a cluster is configured
        }
        boolean dev = context.getProfiles().contains("dev");
        if (buildTooling() && !dev) {
            return List.of(); // the build and the test launcher only read configuration: start nothing, refuse nothing
        }
        if (!"true".equalsIgnoreCase(value(context, ENABLED))) {
            if (dev || !context.getProfiles().contains("prod")) {
                return List.of();
            }
            throw new IllegalStateException("""
                    No Kafka cluster is configured. Set KAFKA_BOOTSTRAP_SERVERS (e.g. kafka-1:9092,kafka-2:9092), \
                    or opt in to the embedded broker with UPLIFT_EMBEDDED_KAFKA_ENABLED=true, \
                    or run without Kafka (REST only, no events published) with UPLIFT_KAFKA_ENABLED=false.""");
        }
        return List.of(new PropertiesConfigSource(Map.of(BOOTSTRAP_SERVERS, runningOrStart(context)),
                "uplift-embedded-kafka", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    /** Quarkus' build, dev mode or test launcher (see {@link EmbeddedDatabaseConfigSourceFactory#buildTooling()}). */
    boolean buildTooling() {
        return EmbeddedDatabaseConfigSourceFactory.inBuildTooling();
    }

    private static synchronized String runningOrStart(ConfigSourceContext context) {
        String running = System.getProperty(RUNNING);
        if (running != null) {
            return running;
        }
        String configuredDir = value(context, DATA_DIR);
        String configuredPort = value(context, PORT);
        String configuredPartitions = value(context, PARTITIONS);
        EmbeddedKafka broker = EmbeddedKafka.start(Path.of(configuredDir != null ? configuredDir : ".uplift-data/kafka"),
                configuredPort != null ? Integer.parseInt(configuredPort.trim()) : 9092, 0,
                configuredPartitions != null ? Integer.parseInt(configuredPartitions.trim()) : EmbeddedKafka.DEFAULT_PARTITIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
        System.setProperty(RUNNING, broker.bootstrapServers());
        return broker.bootstrapServers();
    }
}
