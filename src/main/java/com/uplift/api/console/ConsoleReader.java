package com.uplift.api.console;

import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.ConsoleViews.MessagePage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.ZoneId;

/**
 * Who reads a governance page, in which language and from where: the frame, formats and message pages of the policy
 * and audit resources, made the way {@link ConsoleResource} makes its own. One per request (the REST layer's own
 * request-scoped HttpHeaders, UriInfo and Request).
 */
@RequestScoped
public class ConsoleReader {

    private final SecurityIdentity identity;
    private final HttpHeaders headers;
    private final UriInfo uri;
    private final Request request;
    private final ZoneId businessZone;

    public ConsoleReader(SecurityIdentity identity, HttpHeaders headers, UriInfo uri, Request request,
                         @ConfigProperty(name = "uplift.business-zone") ZoneId businessZone) {
        this.identity = identity;
        this.headers = headers;
        this.uri = uri;
        this.request = request;
        this.businessZone = businessZone;
    }

    ConsoleLanguage language() {
        return ConsoleLanguage.of(headers);
    }

    Chrome chrome() {
        return ConsoleResource.chrome(identity, language(), uri, request.getMethod());
    }

    ConsoleFormat format() {
        return new ConsoleFormat(language().locale, businessZone);
    }

    ZoneId businessZone() {
        return businessZone;
    }

    TemplateInstance page(TemplateInstance template) {
        return template.setLocale(language().locale);
    }

    Response message(String kind, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(page(ConsoleResource.Templates.message(new MessagePage(chrome(), kind)))).build();
    }

    Response forbidden() {
        return message("forbiddenTitle", 403);
    }

    /** A governance page asked for without a session goes to the sign-in form, as ConsoleResource's pages do. */
    static Response signInFirst() {
        return Response.seeOther(URI.create("/console/login")).build();
    }
}
