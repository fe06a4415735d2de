package com.uplift.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The two ways to authenticate, as Swagger UI offers them: bearer JWT (production) and HTTP Basic (demo users). */
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "A JWT from the identity provider; roles in the groups claim. A borrower_id claim confines the caller to "
                        + "that borrower's credit lines (another borrower's line is 404, cross-borrower endpoints 403)"),
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Demo users (dev and test only): channel, ops, officer1, officer2, senior1, auditor, admin, admin2; password = name")})
public class ApiSecuritySchemes extends Application {
}
