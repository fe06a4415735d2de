package com.uplift.eventstore;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants and dates of stored events in the one form the canonical mapper writes them
 * ({@code 2026-11-30T08:15:30.123Z}, {@code 2026-11-30}) by hand, and leaves any other text to the Java time module's
 * own deserializers, which then answer exactly as before (the same value, or the same refusal). Jackson's path
 * trims the text, tries it as a number and hands it to a {@code DateTimeFormatter}, whose parse fills a map of fields
 * and resolves it: a sixth of decoding a payload in re-verification and the larger part of decoding the small
 * events a rebuild reads whole (docs/benchmarks.md). {@code CanonicalTimesTest} holds both ways to the same answers.
 */
final class CanonicalTimes extends SimpleModule {

    CanonicalTimes() {
        super("canonical-times");
        addDeserializer(Instant.class, new Strict<>(Instant.class, InstantDeserializer.INSTANT, CanonicalTimes::instant));
        addDeserializer(LocalDate.class, new Strict<>(LocalDate.class, LocalDateDeserializer.INSTANCE, CanonicalTimes::date));
    }

    /** The text as written, or null when it is not exactly that form (then the time module reads it). */
    @FunctionalInterface
    interface Form<T> {
        T read(char[] text, int offset, int length);
    }

    /**
     * One type's strict form first, the time module's deserializer for anything else.
     */
    static final class Strict<T> extends StdScalarDeserializer<T> implements ContextualDeserializer {
        private final JsonDeserializer<T> fallback;
        private final Form<T> form;

        Strict(Class<T> type, JsonDeserializer<T> fallback, Form<T> form) {
            super(type);
            this.fallback = fallback;
            this.form = form;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                T value = form.read(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                if (value != null) {
                    return value;
                }
            }
            return fallback.deserialize(parser, context);
        }

        /**
         * The time module's deserializer as the property configures it; the strict form goes first only where nothing
         * is configured (every stored event today), since a {@code @JsonFormat} may ask for another form.
         */
        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> configured = fallback instanceof ContextualDeserializer contextual
                    ? contextual.createContextual(context, property) : fallback;
            JsonFormat.Value format = findFormatOverrides(context, property, handledType());
            return format == null || format.equals(JsonFormat.Value.empty())
                    ? new Strict<>((Class<T>) handledType(), (JsonDeserializer<T>) configured, form) : configured;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a date that exists; null for anything else. */
    static Instant instant(char[] text, int offset, int length) {
        if (length < 20 || length > 30 || text[offset + 10] != 'T' || text[offset + 13] != ':'
                || text[offset + 16] != ':' || text[offset + length - 1] != 'Z') {
            return null;
        }
        LocalDate date = date(text, offset, 10);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fraction = length - 21; // the digits between the dot and the Z
        if (fraction >= 0) {
            if (text[offset + 19] != '.' || fraction == 0 || fraction > 9) {
                return null;
            }
            nanos = digits(text, offset + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        } else if (length != 20) {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** {@code yyyy-MM-dd} with a date that exists; null for anything else. */
    static LocalDate date(char[] text, int offset, int length) {
        if (length != 10 || text[offset + 4] != '-' || text[offset + 7] != '-') {
            return null;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The value of {@code count} ASCII digits; -1 if any is not one. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
