package com.uplift.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

import static io.restassured.RestAssured.given;

/** Requests to the management interface (health, metrics): its own port, not the API's. */
public final class Management {

    private Management() {
    }

    public static RequestSpecification management() {
        // the management URL Quarkus gives tests ends in its root path (/q); paths here are written in full
        URI root = URI.create(TestHTTPResourceManager.getManagementUri());
        return given().baseUri(root.getScheme() + "://" + root.getHost()).port(root.getPort());
    }
}
