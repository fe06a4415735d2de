package com.uplift.servicingfeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.uplift.api.CommandRequests;
import com.uplift.api.Problem;
import com.uplift.api.ProblemMappers;
import com.uplift.api.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a message of the servicing-facts topics exactly as the REST layer reads a body: the application's
 * {@link ObjectMapper} (unknown fields, duplicate keys and control characters refused, see {@code api/StrictJson}),
 * the REST request record of the fact's type, and the same Bean Validation. A message that cannot be read is answered
 * with the problem+json a REST call with that body would get (400, naming the field; a field of the fact is named
 * {@code fact.<field>}).
 * <p>
 * A message is a JSON object: the envelope ({@code messageId}, {@code type}, {@code creditLineId}, {@code source})
 * and the fact, the REST body of its type, in {@code fact}. (Not flat: an income verification's own {@code source},
 * the kind of document, would collide with the envelope's sending system.)
 */
@ApplicationScoped
public class ServicingFactReader {

    /** What came of reading a message: the fact, or the problem that keeps it out. */
    public sealed interface Read {
    }

    public record Readable(ServicingFactMessage message) implements Read {
    }

    public record Unreadable(Response problem) implements Read {
    }

    /** The envelope's fields, validated like a body's; the fact is read once its type is known. */
    public record Envelope(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1-100 characters of [A-Za-z0-9._:-]") String messageId,
            @NotNull FactType type,
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 characters of [A-Za-z0-9._-]") String creditLineId,
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 characters of [A-Za-z0-9._-]") String source,
            @NotNull JsonNode fact) {
    }

    private static final String FACT = "fact";
    private static final ProblemMappers PROBLEMS = new ProblemMappers();

    private final ObjectReader envelopes;
    private final ObjectMapper json;
    private final Validator validator;
    private final String bureauTopic;

    public ServicingFactReader(ObjectMapper json, Validator validator,
                               @ConfigProperty(name = "uplift.servicing-feed.bureau-topic") String bureauTopic) {
        this.json = json;
        this.validator = validator;
        this.bureauTopic = bureauTopic;
        // amounts keep their scale in the tree ("850.00" stays 850.00), as they do when REST reads them straight
        this.envelopes = json.readerFor(Envelope.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** Reads a record of one of the topics: the bureau topic carries bureau reports only. */
    public Read readFrom(String topic, String key, String payload) {
        return read(key, payload, topic.equals(bureauTopic) ? FactType.BUREAU_REPORT : null);
    }

    /**
     * @param key      the record's key: the credit line's id (it decides the partition, and so the order per line)
     * @param onlyType the one type this topic carries, or null for any (the bureau topic carries bureau reports only)
     */
    public Read read(String key, String payload, FactType onlyType) {
        if (payload == null || payload.isBlank()) {
            return new Unreadable(Problem.of(ProblemType.MALFORMED, "the message has no body").toResponse());
        }
        Envelope envelope;
        try {
            envelope = envelopes.readValue(payload);
        } catch (JsonProcessingException e) {
            // a parse failure inside the fact (a key given twice) comes wrapped with the path of the field "fact"
            return new Unreadable(PROBLEMS.unreadable(e.getCause() instanceof StreamReadException parse ? parse : e));
        } catch (IOException e) {
            return new Unreadable(Problem.of(ProblemType.MALFORMED, "the body is not valid JSON").toResponse());
        }
        if (envelope == null) {
            return new Unreadable(Problem.of(ProblemType.MALFORMED, "the message is not a JSON object").toResponse());
        }
        var violations = validator.validate(envelope);
        if (!violations.isEmpty()) {
            return new Unreadable(PROBLEMS.validation(new ConstraintViolationException(violations)));
        }
        if (onlyType != null && envelope.type() != onlyType) {
            return new Unreadable(Problem.invalid("type", "must be " + onlyType + " on this topic",
                    "this topic carries " + onlyType + " messages only").toResponse());
        }
        if (key != null && !key.equals(envelope.creditLineId())) {
            // the key decides the partition, and so the order of the line's facts: another key breaks that order
            return new Unreadable(Problem.invalid("key", "must be the creditLineId",
                    "the record's key must be its creditLineId, " + envelope.creditLineId()).toResponse());
        }
        CommandRequests.ServicingFact fact;
        try {
            fact = json.readerFor(envelope.type().body()).readValue(json.treeAsTokens(envelope.fact()));
        } catch (UnrecognizedPropertyException unknown) {
            String field = FACT + "." + unknown.getPropertyName();
            return new Unreadable(Problem.invalid(field, "unknown field", "unknown field '" + field + "'").toResponse());
        } catch (JsonMappingException e) {
            e.prependPath(envelope, FACT);
            return new Unreadable(PROBLEMS.unreadable(e));
        } catch (IOException e) {
            return new Unreadable(Problem.invalid(FACT, "not readable", "field 'fact' cannot be read").toResponse());
        }
        if (fact == null) {
            return new Unreadable(Problem.invalid(FACT, "must not be null", "field 'fact' must be an object").toResponse());
        }
        List<Problem.FieldError> errors = validator.validate(fact).stream()
                .map(v -> new Problem.FieldError(FACT + "." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            return new Unreadable(Problem.of(ProblemType.VALIDATION, "one or more fields are invalid").withErrors(errors).toResponse());
        }
        return new Readable(new ServicingFactMessage(envelope.messageId(), envelope.type(), envelope.creditLineId(),
                envelope.source(), fact));
    }
}
