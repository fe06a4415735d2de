package com.uplift.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The one list of stored event types: the name each class is stored under, its current schema version, and the
 * upcasters that lift an older stored shape, one version at a time, to the current one. Stored shapes are forever:
 * to change an event, raise its schema version and register an upcaster from the previous version.
 */
public final class EventTypeRegistry {

    /** Lifts a payload stored at one schema version to the next. */
    @FunctionalInterface
    public interface Upcaster extends UnaryOperator<ObjectNode> {
    }

    /** One registered type. {@code upcasters.get(v)} lifts version v to v + 1. */
    public record EventType(String name, Class<?> javaType, int schemaVersion, Map<Integer, Upcaster> upcasters) {

        public EventType {
            upcasters = Map.copyOf(upcasters);
            for (int v = 1; v < schemaVersion; v++) {
                if (!upcasters.containsKey(v)) {
                    throw new IllegalArgumentException(name + " has schema version " + schemaVersion
                            + " but no upcaster from version " + v);
                }
            }
        }
    }

    /** A serialized event ready for {@link NewEvent}. */
    public record Serialized(String type, int schemaVersion, JsonNode payload) {
    }

    private final Map<String, EventType> byName = new TreeMap<>();
    private final Map<Class<?>, EventType> byClass = new HashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public EventTypeRegistry register(String name, Class<?> javaType) {
        return register(name, javaType, 1, Map.of());
    }

    public EventTypeRegistry register(String name, Class<?> javaType, int schemaVersion, Map<Integer, Upcaster> upcasters) {
        EventType type = new EventType(name, javaType, schemaVersion, upcasters);
        if (byName.putIfAbsent(name, type) != null || byClass.putIfAbsent(javaType, type) != null) {
            throw new IllegalArgumentException("event type registered twice: " + name + " / " + javaType.getName());
        }
        return this;
    }

    /** Registers every permitted subclass of a sealed event interface at schema version 1 under its simple name. */
    public EventTypeRegistry registerSealed(Class<?> sealedInterface) {
        for (Class<?> subclass : sealedInterface.getPermittedSubclasses()) {
            if (!byClass.containsKey(subclass)) {
                register(subclass.getSimpleName(), subclass);
            }
        }
        return this;
    }

    public List<EventType> types() {
        return List.copyOf(byName.values());
    }

    public EventType typeOf(Class<?> javaType) {
        EventType type = byClass.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException("unregistered event class " + javaType.getName());
        }
        return type;
    }

    public Serialized serialize(Object event) {
        EventType type = typeOf(event.getClass());
        return new Serialized(type.name(), type.schemaVersion(), CanonicalJson.toTree(event));
    }

    /** Reads a stored payload as the current shape of its type, upcasting from the stored schema version. */
    public Object deserialize(String typeName, int storedSchemaVersion, JsonNode payload) {
        EventType type = byName.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type " + typeName);
        }
        if (storedSchemaVersion > type.schemaVersion()) {
            throw new IllegalArgumentException(typeName + " v" + storedSchemaVersion
                    + " is newer than this service knows (v" + type.schemaVersion() + ")");
        }
        JsonNode current = payload;
        for (int v = storedSchemaVersion; v < type.schemaVersion(); v++) {
            current = type.upcasters().get(v).apply(((ObjectNode) current).deepCopy());
        }
        return CanonicalJson.fromTree(current, type.javaType());
    }

    /**
     * Reads a stored event as the current shape of its type. A payload stored at the current schema version is read
     * from its text straight into the record (no tree in between: the same mapper and the same rules, so the same
     * value or the same refusal); an older one goes through its upcasters, which work on trees. Whatever refuses it
     * fails as an {@link UnreadableEventException} naming the event's stream, version and position.
     */
    public Object deserialize(RecordedEvent event) {
        try {
            return read(event);
        } catch (RuntimeException unreadable) {
            // a type, version or payload this code cannot read (an upcaster meeting a changed shape fails otherwise)
            throw new UnreadableEventException(event, unreadable);
        }
    }

    private Object read(RecordedEvent event) {
        EventType type = byName.get(event.eventType());
        if (type == null || event.schemaVersion() != type.schemaVersion()) {
            return deserialize(event.eventType(), event.schemaVersion(), event.payload());
        }
        try {
            return readers.computeIfAbsent(type.javaType(), CanonicalJson.mapper()::readerFor).readValue(event.payloadText());
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot read " + type.javaType().getSimpleName() + ": " + message, e);
        }
    }
}
