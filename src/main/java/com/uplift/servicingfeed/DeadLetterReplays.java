package com.uplift.servicingfeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Optional;

/**
 * An operator re-submits a dead letter through the path its message took ({@link ServicingFactReader},
 * {@link ServicingFactIntake}), e.g. once the line it names exists or the rule that refused it no longer applies.
 * <p>
 * A replay runs under the key {@code <messageId>:replay-<n>}, n = the letter's refused replays + 1. The message's own
 * id cannot serve: its refusal is that key's stored answer. A replay that records the fact leaves n as it is, so
 * replaying again (or twice at once) reuses the key and appends nothing; one refused again moves n on, so the next
 * replay is a new attempt.
 */
@ApplicationScoped
public class DeadLetterReplays {

    @Schema(description = "What a replay of a dead letter came to")
    public record Replay(
            long deadLetterId,
            @Schema(description = "true when the fact is recorded (now, or by an earlier replay of this letter)") boolean recorded,
            @Schema(description = "the status the command path answered: 200 recorded; 400, 404, 422 still refused") int status,
            @Schema(description = "the line's new state when recorded, else the problem (problem+json)") JsonNode answer) {
    }

    private final DeadLetters deadLetters;
    private final ServicingFactReader reader;
    private final ServicingFactIntake intake;
    private final ObjectMapper json;

    public DeadLetterReplays(DeadLetters deadLetters, ServicingFactReader reader, ServicingFactIntake intake,
                             ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.reader = reader;
        this.intake = intake;
        this.json = json;
    }

    /** Empty when there is no such dead letter. An outage fails the Uni (503), and nothing is recorded. */
    public Uni<Optional<Replay>> replay(long id) {
        return deadLetters.find(id).chain(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<Replay>empty())
                : replay(found.get()).map(Optional::of));
    }

    private Uni<Replay> replay(DeadLetters.DeadLetter letter) {
        ServicingFactReader.Read read = reader.readFrom(letter.topic(), letter.key(), letter.payload());
        return switch (read) {
            case ServicingFactReader.Unreadable unreadable ->
                    Uni.createFrom().item(new Replay(letter.id(), false, unreadable.problem().getStatus(), deadLetters.problemOf(unreadable.problem())));
            case ServicingFactReader.Readable readable -> {
                String key = readable.message().messageId() + ":replay-" + (letter.refusedReplays() + 1);
                yield intake.record(readable.message(), key).chain(answer -> answer.getStatus() < 300
                        ? deadLetters.replayed(letter.id(), answer.getStatus()).replaceWith(replay(letter, answer, true))
                        : deadLetters.refusedAgain(letter.id(), letter.refusedReplays()).replaceWith(replay(letter, answer, false)));
            }
        };
    }

    private Replay replay(DeadLetters.DeadLetter letter, Response answer, boolean recorded) {
        JsonNode body = recorded && !(answer.getEntity() instanceof String) ? json.valueToTree(answer.getEntity())
                : deadLetters.problemOf(answer);
        return new Replay(letter.id(), recorded, answer.getStatus(), body);
    }
}
