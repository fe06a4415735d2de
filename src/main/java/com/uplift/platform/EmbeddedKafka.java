package com.uplift.platform;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;

/**
 * A real Apache Kafka broker inside this JVM: one KRaft node that is broker and controller at once, its data in a
 * folder that survives restarts. The local run's and the tests' default when no Kafka cluster is configured (no
 * Docker on the machines this runs on).
 * <p>
 * Settings that matter on one node, each from a fault seen in the spike ({@code shared/docs/toolchain.md}):
 * <ul>
 * <li>internal topics default to replication factor 3 and would never be created on one broker, so consumer groups
 * silently get nothing: every internal topic gets factor 1 (and one partition, which also starts them faster);</li>
 * <li>the log cleaner's 128 MiB buffer fails small heaps: 4 MiB is plenty for the compacted offsets topic;</li>
 * <li>two processes on one data folder corrupt it: a {@link FileLock} of our own is taken first, so the second one
 * fails with a message instead;</li>
 * <li>Kafka halts the JVM on a fatal fault: here that would take the whole service (or the test run) down, so the halt
 * and exit procedures only log, and the broker counts as dead;</li>
 * <li>its loggers are chatty at INFO (every config value at start): WARN.</li>
 * </ul>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);
    /** Kept here: the JUL levels set below would be lost if their loggers were collected. */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("kafka"), java.util.logging.Logger.getLogger("org.apache.kafka"),
            java.util.logging.Logger.getLogger("state.change.logger"));
    private static final String CONTROLLER = "CONTROLLER";

    /** Partitions of a topic the broker creates on first use, unless told otherwise. */
    public static final int DEFAULT_PARTITIONS = 3;

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private final KafkaRaftServer server;
    private final FileChannel lockFile;
    private final FileLock lock;
    private volatile boolean closed;

    private EmbeddedKafka(Path dataDirectory, int port, int controllerPort, int partitions, KafkaRaftServer server,
                          FileChannel lockFile, FileLock lock) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
        this.server = server;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Starts a broker on {@code port} (0: any free port) with its data in {@code dataDirectory}, formatting the folder
     * the first time; returns once it accepts clients.
     */
    public static EmbeddedKafka start(Path dataDirectory, int port) {
        return start(dataDirectory, port, 0, DEFAULT_PARTITIONS);
    }

    /**
     * Like {@link #start(Path, int)}, with the controller's port too (a restart keeps both), and the partitions of the
     * topics it creates on first use (the servicing-facts topics among them: the partitions bound how many instances
     * consume at once). A topic that exists keeps the partitions it has.
     */
    public static synchronized EmbeddedKafka start(Path dataDirectory, int port, int controllerPort, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + partitions
                    + " (uplift.embedded-kafka.partitions)");
        }
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        keepTheJvmOnFatalFaults();
        Path data = dataDirectory.toAbsolutePath().normalize();
        FileChannel lockFile = null;
        try {
            Files.createDirectories(data);
            lockFile = FileChannel.open(data.resolve("uplift.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockFile);
            if (lock == null) {
                throw new IllegalStateException("another process is running a Kafka broker on " + data
                        + ": stop it, or give this one another data folder (uplift.embedded-kafka.data-dir)");
            }
            int brokerPort = port == 0 ? freePort() : port;
            int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
            KafkaConfig config = KafkaConfig.fromProps(properties(data, brokerPort, quorumPort, partitions), false);
            format(data);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LOG.infof("Embedded Kafka broker is listening on 127.0.0.1:%d (data in %s)", brokerPort, data);
            return new EmbeddedKafka(data, brokerPort, quorumPort, partitions, server, lockFile, lock);
        } catch (IOException e) {
            closeQuietly(lockFile);
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + data, e);
        } catch (RuntimeException e) {
            closeQuietly(lockFile);
            throw e;
        }
    }

    /** {@code 127.0.0.1:port}, for {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts this broker again on its data, ports and all, after {@link #close()}: a broker restart. */
    public EmbeddedKafka restart() {
        if (!closed) {
            throw new IllegalStateException("the broker is still running");
        }
        return start(dataDirectory, port, controllerPort, partitions);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("releasing the data folder's lock", e);
            }
            closeQuietly(lockFile);
        }
    }

    private static Properties properties(Path data, int port, int controllerPort, int partitions) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("log.dirs", logDirectory(data));
        // One node: every internal topic with one replica (the default 3 never gets created) and one partition.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics the service uses are created on first use, with a few partitions so that keys matter.
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", Integer.toString(partitions));
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        // After a crash the restarted node waits out its previous session: keep that to ~2 s, not 9.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2000");
        return props;
    }

    private static String logDirectory(Path data) {
        return data.resolve("logs").toString();
    }

    /** Formats the folder once (a KRaft node refuses unformatted storage); a formatted one is left as it is. */
    private static void format(Path data) {
        if (Files.exists(data.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory(data)))
                    .setMetadataLogDirectory(logDirectory(data))
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + data, e);
        }
    }

    private static void keepTheJvmOnFatalFaults() {
        Exit.setHaltProcedure((status, message) -> LOG.errorf(
                "the embedded Kafka broker asked to halt the JVM (status %d: %s); the service keeps running, the broker is dead",
                status, message));
        Exit.setExitProcedure((status, message) -> LOG.errorf(
                "the embedded Kafka broker asked to exit the JVM (status %d: %s); the service keeps running, the broker is dead",
                status, message));
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM holds it already: a broker of ours runs on this folder
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the data folder's lock file", e);
        }
    }
}
