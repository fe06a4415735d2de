package com.uplift.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which projections run on this instance. Each projection is led by the instance holding the PostgreSQL session
 * advisory lock {@code hashtext('uplift-projection:<name>')}, taken on one dedicated control connection that also
 * LISTENs for new events. The lock lives as long as that session: when this instance dies or the connection drops,
 * the lock is released and another instance takes the projection at its next poll.
 */
@ApplicationScoped
public class ProjectionLeadership {

    private static final Logger LOG = Logger.getLogger(ProjectionLeadership.class);

    private final Vertx vertx;
    private final String databaseUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong lockTries = new AtomicLong();
    private volatile Runnable onNewEvents = () -> { };
    private volatile Uni<SqlConnection> control;

    public ProjectionLeadership(Vertx vertx,
                                @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl,
                                @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                                @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.databaseUrl = databaseUrl;
        this.username = username;
        this.password = password;
    }

    /** What to do when PostgreSQL notifies that events were committed. */
    void onNewEvents(Runnable wake) {
        this.onNewEvents = wake;
    }

    /** True when this instance leads the projection: it held the lock already, or has just taken it. */
    Uni<Boolean> lead(String projection) {
        if (held.contains(projection)) {
            return Uni.createFrom().item(true);
        }
        lockTries.incrementAndGet();
        return control().chain(connection -> connection
                        .preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS locked")
                        .execute(Tuple.of("uplift-projection:" + projection)))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .invoke(locked -> {
                    if (locked) {
                        held.add(projection);
                        LOG.infof("projection %s runs on this instance", projection);
                    }
                });
    }

    /** Times this instance asked for a projection's lock it did not hold, since it started. For tests. */
    long lockTries() {
        return lockTries.get();
    }

    public boolean leadsHere(String projection) {
        return held.contains(projection);
    }

    /** Closes the control connection: releases every lock this instance holds, as a crash would. */
    public Uni<Void> release() {
        Uni<SqlConnection> current = control;
        if (current == null) {
            return Uni.createFrom().voidItem();
        }
        return current.chain(SqlConnection::close).invoke(this::forgetControl);
    }

    /**
     * The connection that LISTENs for new events and holds the projection locks; reopened if it drops. It is a
     * connection of its own, not one from the pool: closing it (or this process dying) must really end the session,
     * since that is what releases the locks.
     */
    /**
     * How soon PostgreSQL ends this session when the instance's host vanishes (power, network) rather than its process
     * dying: with nothing to close the socket, the session, and with it every lock this instance holds, would last
     * until the server's TCP keepalive gives up, over two hours with operating-system defaults. Set for this session
     * only (any user may), so the other instances take over within about idle + interval x count = 25 s, without
     * asking the operator to change postgresql.conf. (Ignored on a Unix-domain socket, where there is no host to lose.)
     */
    static final String KEEPALIVE = "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3";

    /** The control session's keepalive settings as the server applies them (idle, interval, count), for tests. */
    Uni<List<String>> controlKeepalive() {
        return control().chain(connection -> connection.query(
                        "SELECT current_setting('tcp_keepalives_idle') AS idle, current_setting('tcp_keepalives_interval') AS every, "
                                + "current_setting('tcp_keepalives_count') AS count").execute())
                .map(rows -> {
                    var row = rows.iterator().next();
                    return List.of(row.getString("idle"), row.getString("every"), row.getString("count"));
                });
    }

    private synchronized Uni<SqlConnection> control() {
        if (control == null) {
            PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl);
            username.ifPresent(options::setUser);
            password.ifPresent(options::setPassword);
            control = PgConnection.connect(vertx, options).chain(pg -> {
                pg.notificationHandler(notification -> onNewEvents.run());
                pg.closeHandler(this::controlLost);
                return pg.query(KEEPALIVE).execute()
                        .chain(() -> pg.query("LISTEN uplift_events").execute()).replaceWith((SqlConnection) pg);
            }).onFailure().invoke(failure -> forgetControl()).memoize().indefinitely();
        }
        return control;
    }

    private void controlLost() {
        LOG.warn("projection control connection closed: leadership released, reconnecting at the next poll");
        forgetControl();
    }

    private synchronized void forgetControl() {
        control = null;
        held.clear();
    }
}
