package com.uplift.architecture.planted.domain.risk;

/** Uses one class of each framework the domain must not know; each method names the package it brings in. */
public class RuleOnFrameworks {

    io.quarkus.runtime.StartupEvent quarkus() {
        return null;
    }

    jakarta.ws.rs.core.Response jakarta() {
        return null;
    }

    javax.sql.DataSource javax() {
        return null;
    }

    io.vertx.core.Vertx vertx() {
        return null;
    }

    io.smallrye.mutiny.Uni<String> mutiny() {
        return null;
    }

    java.sql.Connection jdbc() {
        return null;
    }

    org.hibernate.reactive.mutiny.Mutiny.SessionFactory hibernate() {
        return null;
    }

    com.fasterxml.jackson.databind.ObjectMapper jackson() {
        return null;
    }
}
