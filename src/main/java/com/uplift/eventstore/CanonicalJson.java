package com.uplift.eventstore;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one JSON form in which events and policies are stored and hashed.
 * <p>
 * Canonical means: object keys sorted, no insignificant whitespace, {@link BigDecimal} written as a string (so its
 * scale survives PostgreSQL's jsonb and any JSON reader), instants as ISO-8601 strings, nulls kept. The one exception
 * is a property of type {@link Optional}: an empty one is left out. That is how a stored shape gains an optional field
 * without changing the canonical bytes (and so the hash) of the values written before it existed: a record that
 * declares the new field as {@code Optional} writes exactly what it wrote before while the field is empty. Writing the same
 * value twice, or re-canonicalizing JSON read back from jsonb, gives the same bytes, which is what makes the
 * hash chain reproducible.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            // after the time module, so its instants and dates in the written form are read by hand first
            .addModule(new CanonicalTimes())
            // the records' accessors called through generated lambdas, not reflection: the same bytes, less CPU
            .addModule(new BlackbirdModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .withConfigOverride(Optional.class, o -> o.setIncludeAsProperty(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.ALWAYS)))
            .build();

    private CanonicalJson() {
    }

    /** The configured mapper; use it for every stored shape (events, metadata, policies). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The value as a tree in canonical order; records come out of the mapper sorted, and are then not copied. */
    public static JsonNode toTree(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        return isSorted(tree) ? tree : sorted(tree);
    }

    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Canonical text of any JSON tree: keys sorted at every depth, compact. A tree that is sorted already (every event
     * payload: {@link #toTree} sorts it) is written as it is; only an unsorted one is copied sorted first.
     */
    public static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(isSorted(tree) ? tree : sorted(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String write(Object value) {
        return write(MAPPER.<JsonNode>valueToTree(value));
    }

    public static byte[] bytes(JsonNode tree) {
        return write(tree).getBytes(StandardCharsets.UTF_8);
    }

    /** Pretty, still key-sorted: for humans and approval files, never for hashing. */
    public static String pretty(Object value) {
        try {
            JsonNode tree = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every object in the tree has its keys in {@link #sorted}'s order (a {@link TreeMap}'s: String order). */
    private static boolean isSorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String previous = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (previous != null && previous.compareTo(field.getKey()) >= 0 || !isSorted(field.getValue())) {
                    return false;
                }
                previous = field.getKey();
            }
            return true;
        }
        if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (!isSorted(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
