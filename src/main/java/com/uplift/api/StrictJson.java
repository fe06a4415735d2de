package com.uplift.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;

/**
 * How request bodies are read, beyond Quarkus' defaults (unknown fields are already refused):
 * <ul>
 * <li>a key given twice ({@code {"amount":1,"amount":2}}) is refused: which one counts would be the parser's
 *     choice, and a body must mean one thing;</li>
 * <li>every string and every map key must be {@link PlainText};</li>
 * <li>a fraction for a whole-number field ({@code "challengerSharePercent": 1.5}) is refused, not cut to 1: the
 *     request would be carried out with a number its sender did not send;</li>
 * <li>a value of another JSON type than the field's is refused, not converted: {@code "amount":"5.00"},
 *     {@code "score":"720"}, {@code "enabled":"true"}, a number for a text ({@code "borrowerId":42}) or for a named
 *     value ({@code "kind":0}, which Jackson would take as the first constant). The contract (OpenAPI) says which
 *     type each field is, and a client that sends another has a bug that a silent conversion would hide;</li>
 * <li>an instant is an ISO-8601 text ({@code "pulledAt":"2026-11-28T08:00:00Z"}), never a number or a text of digits,
 *     which Jackson would read as seconds since 1970 ({@code "pulledAt":5} was recorded as 1970-01-01T00:00:05Z).</li>
 * </ul>
 * These failures are Jackson exceptions that {@link ProblemMappers} turns into a 400 naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /**
     * After Quarkus' own customizer, which registers the JSR-310 module: a module registered later wins for a type,
     * and the instant deserializer here must be the one that reads {@link Instant}.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape scalar : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("uplift-plain-text")
                .addDeserializer(String.class, new PlainStringDeserializer())
                .addDeserializer(Instant.class, new IsoInstantDeserializer())
                .addKeyDeserializer(String.class, new PlainKeyDeserializer()));
    }

    /** A text that breaks {@link PlainText}; Jackson adds the path of the field it was read for. */
    public static final class TextRefused extends InvalidFormatException {
        TextRefused(JsonParser parser, String reason, String value) {
            super(parser, reason, value, String.class);
        }
    }

    static final class PlainStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, super.deserialize(p, ctxt));
        }
    }

    /** An ISO-8601 instant as a JSON text; read as Jackson reads it once it is one. */
    static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            if (text.indexOf('T') < 0) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "an instant is ISO-8601 date and time, e.g. 2026-11-28T08:00:00Z");
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }

    static final class PlainKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            var reason = PlainText.problem(key);
            if (reason.isPresent()) {
                throw new TextRefused(ctxt.getParser(), "a key " + reason.get(), key);
            }
            return key;
        }
    }

    private static String checked(JsonParser p, String value) throws IOException {
        var reason = value == null ? java.util.Optional.<String>empty() : PlainText.problem(value);
        if (reason.isPresent()) {
            throw new TextRefused(p, reason.get(), value);
        }
        return value;
    }
}
