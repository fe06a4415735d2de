package com.uplift.api;

import com.uplift.eventstore.Checkpoint;
import com.uplift.readmodel.ProjectionAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Read-your-writes for list queries: a client passes the position a command returned (header {@value #HEADER} or query
 * parameter {@code minPosition}); the query waits, at most {@code uplift.read-your-writes.max-wait}, until the
 * projection has read that far. {@value #CAUGHT_UP} tells whether it had.
 */
@ApplicationScoped
public class ReadYourWrites {

    public static final String HEADER = "X-Min-Position";
    public static final String CAUGHT_UP = "X-Projection-Caught-Up";

    private final ProjectionAdmin projections;
    private final Duration maxWait;

    public ReadYourWrites(ProjectionAdmin projections,
                          @ConfigProperty(name = "uplift.read-your-writes.max-wait", defaultValue = "PT5S") Duration maxWait) {
        this.projections = projections;
        this.maxWait = maxWait;
    }

    public <T> Uni<Response> query(String projection, String headerPosition, String queryPosition, Supplier<Uni<T>> query) {
        String wanted = headerPosition != null ? headerPosition : queryPosition;
        if (wanted == null) {
            return query.get().map(result -> Response.ok(result).build());
        }
        Checkpoint position;
        try {
            position = Checkpoint.parse(wanted);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problem.invalid("minPosition", "not a position",
                    "minPosition must be a position as returned by a command, e.g. 812-4031").toResponse());
        }
        return projections.awaitPosition(projection, position, maxWait)
                .chain(reached -> query.get().map(result -> Response.ok(result).header(CAUGHT_UP, reached).build()));
    }
}
