package com.uplift.api;

import com.uplift.application.LineCache;
import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.Superuser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored event whose payload was edited in the database so that it no longer reads as its type. Before, reading its
 * line answered 500 {@code urn:uplift:problem:internal} "unexpected failure; incident ..." and logged a stack trace
 * at every read. Now the line answers a problem that names the event (stream and version), the same at every read,
 * with no trace of the code in it, and the log names it once (one ERROR, not one per read). On a database of its own:
 * the edited event stays in the log for good.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(UnreadableEventOverHttpTest.OwnStore.class)
class UnreadableEventOverHttpTest {

    public static class OwnStore extends OwnDatabase {
    }

    @Inject
    AgroalDataSource jdbc;

    @Inject
    LineCache cache;

    @Test
    void aLineWithAnUnreadableEventAnswersAProblemNamingIt() throws SQLException {
        String line = Api.openLine("B-UNREADABLE-" + UUID.randomUUID(), "3000");
        as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
        String stream = "credit-line-" + line;
        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload, '{amount}', '\"lots\"') WHERE stream_id = '"
                + stream + "' AND event_type = 'DrawdownRecorded'");
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM stream_snapshots WHERE stream_id = '" + stream + "'");
        }
        cache.forget(line); // the line is read again from its events, as after a restart

        Logger mappers = Logger.getLogger(ProblemMappers.class.getName()); // held: the handler lives on this logger
        ErrorRecords errors = new ErrorRecords();
        mappers.addHandler(errors);
        try {
            readsAndACommandAnswerTheProblem(line, stream);
        } finally {
            mappers.removeHandler(errors);
        }
        assertThat(errors.naming(stream + " v2")).as("two reads and a command of the line: the event is logged once")
                .hasSize(1).allSatisfy(message -> assertThat(message).contains("DrawdownRecorded"));
        // its stored events can still be read as stored, for whoever repairs it
        as("auditor").get("/api/credit-lines/" + line + "/events").then().statusCode(200);
    }

    private static void readsAndACommandAnswerTheProblem(String line, String stream) {
        for (int read = 0; read < 2; read++) {
            Response answer = as("officer1").get("/api/credit-lines/" + line);
            answer.then().statusCode(500).contentType(Problem.MEDIA_TYPE);
            assertThat(answer.jsonPath().getString("type")).isEqualTo("urn:uplift:problem:unreadable-event");
            assertThat(answer.jsonPath().getString("title")).isEqualTo("A stored event cannot be read");
            assertThat(answer.jsonPath().getString("detail")).contains(stream + " v2").contains("DrawdownRecorded");
            assertThat(answer.asString()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("incident");
        }
        Response command = as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns");
        command.then().statusCode(500).contentType(Problem.MEDIA_TYPE);
        assertThat(command.jsonPath().getString("type")).isEqualTo("urn:uplift:problem:unreadable-event");
    }

    /** The ERROR records logged while it is attached, as formatted (the service logs through JBoss Logging). */
    private static final class ErrorRecords extends Handler {
        private final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                messages.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        List<String> naming(String event) {
            return messages.stream().filter(message -> message.contains(event)).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
