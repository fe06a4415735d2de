package com.uplift.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.StreamSnapshots;
import com.uplift.eventstore.StreamSnapshots.StreamSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Persisted snapshots of credit lines' folded state, every {@code uplift.lines.snapshot-every} events (0: never), so
 * that a line missing from {@link LineCache} (a restart, another instance, an eviction) is loaded from its latest
 * snapshot plus the events after it rather than from its first event.
 * <p>
 * A snapshot is only as good as the fold that made it, so it names the fold: {@link #STATE_SCHEMA} (a version raised
 * by hand plus a fingerprint of the state's record shape, so a changed field can never be read into an old snapshot)
 * and the decider rules version. One of another schema or rules version is discarded and the line folded from its
 * events. The state is stored in {@link CanonicalJson}'s form ({@code BigDecimal} as strings, so scales survive).
 */
@ApplicationScoped
public class LineSnapshots {

    private static final Logger LOG = Logger.getLogger(LineSnapshots.class);

    /**
     * Raise when the fold ({@code CreditLineDecider.evolve}) changes what it makes of the same events without the
     * state's shape changing: old snapshots then describe a state this build would not fold.
     */
    static final int STATE_FOLD_VERSION = 1;

    /** The fold version and the state's shape: a snapshot is read only by a build that writes the same. */
    static final String STATE_SCHEMA = STATE_FOLD_VERSION + ":" + shapeFingerprint(CreditLineState.class);

    private final StreamSnapshots store;
    private final long every;

    public LineSnapshots(StreamSnapshots store, @ConfigProperty(name = "uplift.lines.snapshot-every", defaultValue = "100") long every) {
        this.store = store;
        this.every = every;
    }

    /** The line's latest usable snapshot; empty when there is none or it was written by another fold or rules version. */
    public Uni<Optional<CreditLineSnapshot>> latest(String creditLineId) {
        if (every <= 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        return store.latest(CreditLineStream.of(creditLineId)).map(found -> found.flatMap(snapshot -> usable(creditLineId, snapshot)));
    }

    /** The usable latest snapshot of each of the lines that has one, in one read; keyed by line id. */
    public Uni<Map<String, CreditLineSnapshot>> latestOf(List<String> creditLineIds) {
        if (every <= 0) {
            return Uni.createFrom().item(Map.of());
        }
        return store.latestOf(creditLineIds.stream().map(CreditLineStream::of).toList()).map(found -> {
            Map<String, CreditLineSnapshot> usable = new HashMap<>();
            found.values().forEach(snapshot -> {
                String creditLineId = CreditLineStream.lineId(snapshot.streamId());
                usable(creditLineId, snapshot).ifPresent(line -> usable.put(creditLineId, line));
            });
            return usable;
        });
    }

    static Optional<CreditLineSnapshot> usable(String creditLineId, StreamSnapshot snapshot) {
        if (!snapshot.stateSchema().equals(STATE_SCHEMA) || snapshot.rulesVersion() != DeciderRules.CURRENT) {
            return Optional.empty(); // another build's fold: rebuilt from events, and overwritten at the next save
        }
        try {
            return Optional.of(new CreditLineSnapshot(creditLineId, read(snapshot.state()), snapshot.streamVersion(),
                    snapshot.checkpoint(), List.of()));
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("snapshot of %s at version %d is unreadable, folding its events instead: %s", creditLineId,
                    snapshot.streamVersion(), unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** True when a line that moved from version {@code from} to {@code to} passed a multiple of the interval. */
    public boolean due(long from, long to) {
        return every > 0 && to > from && from / every < to / every;
    }

    /**
     * Saves the line's state. A failure is logged, never passed on: a command must not fail because its line could
     * not be snapshotted (the next one that passes the interval tries again).
     */
    public Uni<Void> save(CreditLineSnapshot line) {
        StreamSnapshot snapshot = new StreamSnapshot(CreditLineStream.of(line.creditLineId()), line.version(),
                line.checkpoint(), STATE_SCHEMA, DeciderRules.CURRENT, write(line.state()));
        return store.save(snapshot).onFailure().recoverWithItem(failure -> {
            LOG.warnf("snapshot of %s at version %d not saved: %s", line.creditLineId(), line.version(), failure.toString());
            return null;
        });
    }

    /** The state as snapshot JSON. */
    public static String write(CreditLineState state) {
        try {
            return CanonicalJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a credit line's state cannot be written as JSON", e);
        }
    }

    /** A state from snapshot JSON; {@link IllegalArgumentException} when it is not one. */
    public static CreditLineState read(String json) {
        try {
            return CanonicalJson.mapper().readValue(json, CreditLineState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a credit line state: " + e.getOriginalMessage(), e);
        }
    }

    /** A short hash of a record type's components, their types and those of the records and enums they hold, recursively. */
    static String shapeFingerprint(Class<?> type) {
        StringBuilder shape = new StringBuilder();
        describe(type, shape, new HashSet<>());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void describe(Type type, StringBuilder shape, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            describe(parameterized.getRawType(), shape, seen);
            shape.append('<');
            for (Type argument : parameterized.getActualTypeArguments()) {
                describe(argument, shape, seen);
                shape.append(',');
            }
            shape.append('>');
            return;
        }
        if (!(type instanceof Class<?> cls)) {
            shape.append(type.getTypeName());
            return;
        }
        shape.append(cls.getName());
        if (!seen.add(cls)) {
            return;
        }
        if (cls.isRecord()) {
            shape.append('(');
            for (RecordComponent component : cls.getRecordComponents()) {
                shape.append(component.getName()).append(':');
                describe(component.getGenericType(), shape, seen);
                shape.append(';');
            }
            shape.append(')');
        } else if (cls.isEnum()) {
            shape.append(Arrays.toString(cls.getEnumConstants()));
        }
    }
}
