package com.uplift.api.console;

import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.ConsoleViews.MessagePage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.time.ZoneId;

/**
 * Who reads a governance page, in which language and from where: the frame, formats and message pages of the policy
 * and audit resources, made the way {@link ConsoleResource} makes its own.
 */
record ConsoleReader(SecurityIdentity identity, HttpHeaders headers, UriInfo uri, String method, ZoneId businessZone) {

    static final String SIGN_IN = "/console/login";

    ConsoleLanguage language() {
        return ConsoleLanguage.of(headers);
    }

    Chrome chrome() {
        return ConsoleResource.chrome(identity, language(), uri, method);
    }

    ConsoleFormat format() {
        return new ConsoleFormat(language().locale, businessZone);
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

    static Response signInFirst() {
        return Response.seeOther(URI.create(SIGN_IN)).build();
    }
}
