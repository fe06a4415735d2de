package com.uplift.platform;

import com.uplift.testing.PackagedInstance;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local run on the embedded PostgreSQL (README: the run command) is killed with {@code kill -9} and started again on
 * the same data folder: the server the killed service left running is stopped, a new one starts, and what was recorded
 * before the kill is there. Before {@link OrphanedPostmaster}, the second start failed ("lock file postmaster.pid
 * already exists") and its shutdown hook stopped the orphan through the pid file.
 * <p>
 * Two packaged instances one after the other, each with the embedded database in a folder of this test's own (not the
 * test application's database, which it does not touch) and without Kafka, so nothing joins the test broker's groups.
 */
@QuarkusTest
@Tag("integration")
class EmbeddedDatabaseAfterKillNineTest {

    /** A packaged start on a loaded machine: PostgreSQL's first initdb and Flyway's migrations included. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    @Test
    void aStartAfterKillNineStopsTheServerTheKilledServiceLeftAndFindsItsData() throws IOException {
        Path data = Files.createDirectories(Path.of("target", "packaged-instances")).toAbsolutePath()
                .resolve("kill-nine-" + ProcessHandle.current().pid()).normalize();
        Map<String, String> config = Map.of("uplift.embedded-database.enabled", "true",
                "uplift.embedded-database.data-dir", data.toString(), "uplift.kafka.enabled", "false",
                "uplift.demo-users.enabled", "true");
        try {
            String line;
            long orphan;
            PackagedInstance first = PackagedInstance.start("kill-nine-first", config, READY_WITHIN);
            try {
                line = first.as("ops").contentType("application/json")
                        .body("{\"borrowerId\":\"B-KILL-NINE\",\"productCode\":\"XM-CASH\",\"initialLimit\":8000.00,"
                                + "\"currency\":\"CNY\",\"openedOn\":\"2024-10-01\"}")
                        .post("/api/credit-lines").then().statusCode(201).extract().path("id");
                orphan = postmasterPid(data);
                first.kill();
            } finally {
                first.close();
            }
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                    .as("the killed service's PostgreSQL (pid %d) outlives it: the case this test is about", orphan)
                    .contains(true);

            try (PackagedInstance second = PackagedInstance.start("kill-nine-second", config, READY_WITHIN)) {
                second.as("ops").get("/api/credit-lines/" + line).then().statusCode(200);
                assertThat(second.as("ops").get("/api/credit-lines/" + line).then().extract().<String>path("borrowerId"))
                        .isEqualTo("B-KILL-NINE");
                List<String> log = Files.readAllLines(second.log());
                assertThat(log).as("the second start's log").anyMatch(entry -> entry.contains(
                        "An embedded PostgreSQL (pid " + orphan + ") is still running on " + data));
                assertThat(log).anyMatch(entry -> entry.contains("The orphaned embedded PostgreSQL (pid " + orphan + ") has stopped"));
                assertThat(postmasterPid(data)).as("the server now running is a new one").isNotEqualTo(orphan);
            }
        } finally {
            OrphanedPostmaster.stopIfAny(data); // should a step above have failed: no server left running on the folder
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
    }
}
