package com.uplift.api.console;

import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.ConsoleViews.MessagePage;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.ZoneId;

/**
 * Who reads a governance page, in which language and from where: the policy and audit resources' message pages on the
 * request's {@link ConsoleFrame} (the same frame, formats and language as every other console page). One per request.
 */
@RequestScoped
public class ConsoleReader {

    private final ConsoleFrame frame;

    public ConsoleReader(ConsoleFrame frame) {
        this.frame = frame;
    }

    ConsoleLanguage language() {
        return frame.language();
    }

    Chrome chrome() {
        return frame.chrome();
    }

    ConsoleFormat format() {
        return frame.format();
    }

    ZoneId businessZone() {
        return frame.businessZone();
    }

    TemplateInstance page(TemplateInstance template) {
        return frame.page(template);
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
