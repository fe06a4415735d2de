package com.uplift.platform;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL that a killed service left running on its data folder. {@code pg_ctl start} detaches the
 * server from the service, so after {@code kill -9} of the service (no shutdown hook runs) the server goes on, holding
 * {@code postmaster.pid}; the next start's server then refuses the folder ("lock file already exists"), and that
 * failed start's own shutdown hook ran {@code pg_ctl stop} on the folder, stopping whichever server the pid file named.
 * So a start first stops such an orphan, the way an operator would (a fast shutdown, as {@code pg_ctl stop -m fast}:
 * open transactions roll back, committed ones are on disk), and only when it is certainly one: no service holds the folder's lock (the
 * embedded library's {@code epg-lock}, held by a running service's JVM and released by the kernel when it dies), the
 * pid file's process is alive and it is a postgres whose command line names this folder. A pid file is never deleted
 * here: the server removes its own when it stops.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = Logger.getLogger(OrphanedPostmaster.class);
    /** The embedded library's lock file in the data folder (zonky's {@code EmbeddedPostgres.LOCK_FILE_NAME}). */
    static final String SERVICE_LOCK = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";
    /** Long enough for a fast shutdown with a checkpoint on a loaded machine. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);

    private OrphanedPostmaster() {
    }

    /**
     * Stops the server a killed service left running on {@code dataDirectory}, if there is one; true when it stopped
     * one. Nothing is done while another running service holds the folder (its server is not an orphan: the embedded
     * library then refuses the start with its own message).
     */
    static boolean stopIfAny(Path dataDirectory) {
        Optional<ProcessHandle> orphan = find(dataDirectory);
        if (orphan.isEmpty()) {
            return false;
        }
        long pid = orphan.get().pid();
        LOG.warnf("An embedded PostgreSQL (pid %d) is still running on %s, left by a service that was killed before it"
                + " could stop it; stopping it (fast shutdown) before starting a new one", pid, dataDirectory);
        stop(orphan.get(), dataDirectory);
        LOG.infof("The orphaned embedded PostgreSQL (pid %d) has stopped", pid);
        return true;
    }

    /** The live postgres process that {@code postmaster.pid} names, when no running service holds the folder. */
    private static Optional<ProcessHandle> find(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile) || heldByARunningService(dataDirectory)) {
            return Optional.empty();
        }
        return pidIn(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isPostgresOn(process, dataDirectory));
    }

    /**
     * True when another process holds the service lock: a service whose JVM is alive. A lock taken here is released at
     * once, before the embedded library takes it for this start.
     */
    private static boolean heldByARunningService(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(SERVICE_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock of " + lockFile, e);
        }
    }

    /** The first line of the pid file: the postmaster's pid. */
    private static Optional<Long> pidIn(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // being written or damaged: not evidence of a server; PostgreSQL decides
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    /** A pid can be reused: only a postgres server started on this very folder is stopped. */
    private static boolean isPostgresOn(ProcessHandle process, Path dataDirectory) {
        Optional<String> command = process.info().command();
        List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
        int option = arguments.indexOf("-D");
        return command.isPresent() && Path.of(command.get()).getFileName().toString().equals("postgres")
                && option >= 0 && option + 1 < arguments.size()
                && sameFolder(Path.of(arguments.get(option + 1)), dataDirectory);
    }

    /**
     * Whether two names lead to one folder: compared as real paths, so a folder named through a symbolic link (or
     * relative to another working directory) on one side and by its own path on the other is still recognised.
     */
    static boolean sameFolder(Path one, Path other) {
        return realOrNormal(one).equals(realOrNormal(other));
    }

    private static Path realOrNormal(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // gone or unreadable: compared by name, as a last resort
        }
    }

    /**
     * A fast shutdown (SIGINT, what {@code pg_ctl stop -m fast} sends; pg_ctl itself refuses to run as root, where
     * the embedded library runs the server in a user namespace), or SIGTERM (a smart shutdown) where no {@code kill}
     * command can send SIGINT; then a wait until the server has removed its pid file, its last act.
     */
    private static void stop(ProcessHandle orphan, Path dataDirectory) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(orphan.pid())).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                LOG.warnf("kill -s INT %d did not run (%s); sending SIGTERM instead", orphan.pid(), output);
                orphan.destroy();
            }
        } catch (IOException e) {
            LOG.warnf("no kill command (%s); sending SIGTERM to %d instead", e.getMessage(), orphan.pid());
            orphan.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            awaitPidFileGone(orphan, dataDirectory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPidFileGone(ProcessHandle orphan, Path dataDirectory) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
        while (Files.exists(dataDirectory.resolve(PID_FILE))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the orphaned embedded PostgreSQL (pid " + orphan.pid() + ") on "
                        + dataDirectory + " did not stop within " + STOP_WITHIN + "; stop it (kill -s INT " + orphan.pid()
                        + ") and start again");
            }
            Thread.sleep(100);
        }
    }
}
