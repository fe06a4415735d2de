package com.uplift.testing;

import com.uplift.platform.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker (one KRaft node in the test JVM) on a random port with its data in a temporary folder, started
 * once per test run and shared by every application the run starts, like {@link PostgresTestResource}'s server.
 * <p>
 * Quarkus loads test classes once per profile, so neither the broker's address nor its handle can live in a static
 * field: the address is a system property, and the broker is an MBean of the JVM's platform server
 * ({@link #stopBroker()}, {@link #startBroker()} call it by name), which every class loader reaches alike. (Not an
 * object in the system properties: libraries that copy them, Narayana among them, fail on a value that is no string.)
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP = "uplift.test.kafka.bootstrap-servers";
    private static final String CONTROL = "com.uplift.testing:type=KafkaTestBroker";

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Kept for the whole run (the other profiles reuse it); it stops when the JVM exits.
    }

    /** The shared broker's {@code host:port}, starting it on first use. */
    public static String bootstrapServers() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(BOOTSTRAP);
            if (running != null) {
                return running;
            }
            Broker broker = new Broker(EmbeddedKafka.start(temporaryFolder(), 0));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "test-kafka-stop"));
            register(broker);
            System.setProperty(BOOTSTRAP, broker.running.bootstrapServers());
            return broker.running.bootstrapServers();
        }
    }

    /** Stops the shared broker, as an outage would; {@link #startBroker()} brings it back on the same port and data. */
    public static void stopBroker() {
        control("stop");
    }

    /** Starts the shared broker again after {@link #stopBroker()}, with everything it had stored. */
    public static void startBroker() {
        control("start");
    }

    private static void register(Broker broker) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new StandardMBean(broker, BrokerControl.class), new ObjectName(CONTROL));
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the test broker's control", e);
        }
    }

    private static void control(String operation) {
        bootstrapServers();
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(CONTROL), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("the test broker's control refused " + operation, e);
        }
    }

    /** What a test may do to the shared broker. Public: the platform MBean server calls it. */
    public interface BrokerControl {
        void stop();

        void start();
    }

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("uplift-test-kafka");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Broker implements BrokerControl {
        private volatile EmbeddedKafka running;
        private volatile boolean up = true;

        Broker(EmbeddedKafka running) {
            this.running = running;
        }

        /**
         * Restarts under the class loader the broker was started with: a test of another profile calls this from its
         * own, and Kafka, which finds its plugins through the thread's loader, would then fail to construct them.
         */
        @Override
        public synchronized void start() {
            if (!up) {
                Thread thread = Thread.currentThread();
                ClassLoader caller = thread.getContextClassLoader();
                thread.setContextClassLoader(Broker.class.getClassLoader());
                try {
                    running = running.restart();
                } finally {
                    thread.setContextClassLoader(caller);
                }
                up = true;
            }
        }

        @Override
        public synchronized void stop() {
            if (up) {
                running.close();
                up = false;
            }
        }
    }
}
