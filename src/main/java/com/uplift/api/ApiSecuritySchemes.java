package com.uplift.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/**
 * The document's frame: one security scheme per way to authenticate (bearer JWT in production, HTTP Basic for the demo
 * users), either of which every operation accepts; the roles an operation needs are in its description, because
 * OpenAPI scopes belong to OAuth2 and listing roles beside {@code basic} would tell a client generator nothing.
 * The problem schema is declared here since every error response refers to it ({@link OpenApiErrorResponses}).
 */
@OpenAPIDefinition(
        info = @Info(title = "Uplift credit-line API", version = "0.1.0",
                description = "Event-sourced credit lines: limit increases (提额), risk assessment, pricing tiers, early warnings "
                        + "and audit. Every error is application/problem+json (RFC 9457) with a stable type URI. "
                        + "Dates are business dates in Asia/Shanghai; instants are ISO-8601 UTC.",
                contact = @Contact(name = "Uplift maintainers"),
                license = @License(name = "Proprietary", identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/", description = "The service that serves this document"),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "basic")},
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "A JWT from the identity provider; roles in the groups claim. A borrower_id claim confines the caller to "
                        + "that borrower's credit lines (another borrower's line is 404, cross-borrower endpoints 403)"),
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Demo users (dev and test only): channel, ops, officer1, officer2, senior1, auditor, admin, admin2; password = name")})
public class ApiSecuritySchemes extends Application {
}
