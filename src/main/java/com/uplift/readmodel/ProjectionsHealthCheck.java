package com.uplift.readmodel;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a projection is stopped by a failing event: its read model no longer follows the log. */
@Readiness
@ApplicationScoped
public class ProjectionsHealthCheck implements AsyncHealthCheck {

    private final Pool pool;

    public ProjectionsHealthCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT name, state, failed_position FROM projections ORDER BY name").execute().map(rows -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("projections").up();
            for (Row row : rows) {
                boolean failed = "FAILED".equals(row.getString("state"));
                builder.withData(row.getString("name"), failed ? "STOPPED at " + row.getString("failed_position") : "RUNNING");
                if (failed) {
                    builder.down();
                }
            }
            return builder.build();
        });
    }
}
