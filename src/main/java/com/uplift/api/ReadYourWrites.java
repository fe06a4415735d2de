package com.uplift.api;

import com.uplift.eventstore.Checkpoint;
import com.uplift.readmodel.ProjectionAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Duration;
import java.util.List;
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
    /** How the minPosition parameter is documented wherever it is accepted. */
    public static final String MIN_POSITION = "a position a command returned (its body's position): wait, at most a few seconds, "
            + "until this read model includes it; also as header " + HEADER;

    private final ProjectionAdmin projections;
    private final Duration maxWait;

    public ReadYourWrites(ProjectionAdmin projections,
                          @ConfigProperty(name = "uplift.read-your-writes.max-wait", defaultValue = "PT5S") Duration maxWait) {
        this.projections = projections;
        this.maxWait = maxWait;
    }

    /** Typed, so that the OpenAPI document shows the result's schema. */
    public <T> Uni<RestResponse<T>> query(String projection, String headerPosition, String queryPosition, Supplier<Uni<T>> query) {
        return query(List.of(projection), headerPosition, queryPosition, query);
    }

    /** The same over a query that reads several projections: it waits for each, and is caught up when all are. */
    public <T> Uni<RestResponse<T>> query(List<String> projections, String headerPosition, String queryPosition,
                                          Supplier<Uni<T>> query) {
        String wanted = headerPosition != null ? headerPosition : queryPosition;
        if (wanted == null) {
            return query.get().map(RestResponse::ok);
        }
        Checkpoint position;
        try {
            position = Checkpoint.parse(wanted);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(Problem.invalidRequest("minPosition", "not a position",
                    "minPosition must be a position as returned by a command, e.g. 812-4031"));
        }
        Uni<Boolean> allReached = Uni.createFrom().item(true);
        for (String projection : projections) {
            allReached = allReached.chain(before -> this.projections.awaitPosition(projection, position, maxWait)
                    .map(reached -> before && reached));
        }
        return allReached
                .chain(reached -> query.get().map(result ->
                        RestResponse.ResponseBuilder.ok(result).header(CAUGHT_UP, reached).build()));
    }
}
