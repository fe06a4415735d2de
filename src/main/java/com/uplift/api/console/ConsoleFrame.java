package com.uplift.api.console;

import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.ConsoleViews.MessagePage;
import com.uplift.api.security.Roles;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The frame of a console page for the resources beyond {@link ConsoleResource} (the operations pages here, the
 * dead letters in servicingfeed): who is signed in, in which language, where the language switch returns to, the
 * reader's formats, and which of the operations pages the header offers ({@code inject:consoleFrame} in base.html).
 */
@RequestScoped
@Named("consoleFrame")
public class ConsoleFrame {

    private final SecurityIdentity identity;
    private final HttpHeaders headers;
    private final UriInfo uri;
    private final Request request;
    private final ZoneId businessZone;

    public ConsoleFrame(SecurityIdentity identity, HttpHeaders headers, UriInfo uri, Request request,
                        @ConfigProperty(name = "uplift.business-zone") ZoneId businessZone) {
        this.identity = identity;
        this.headers = headers;
        this.uri = uri;
        this.request = request;
        this.businessZone = businessZone;
    }

    /** The warnings page: the roles that may list warnings through the API. */
    public boolean showsWarnings() {
        return has(Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR);
    }

    /** The portfolio page: the roles that may read the portfolio summary through the API. */
    public boolean showsPortfolio() {
        return has(Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN);
    }

    /** The increase list (offers): the console's roles that may list offers through the API. */
    public boolean showsOffers() {
        return has(Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN);
    }

    /** The offer scan runs: the roles that may read them through the API (admin also starts one). */
    public boolean showsOfferScans() {
        return has(Roles.ADMIN, Roles.AUDITOR);
    }

    /** Starting an offer scan: admin only, as its API. */
    public boolean startsOfferScans() {
        return has(Roles.ADMIN);
    }

    /** The dead letters of the servicing feed: operators (admin) only, as their API. */
    public boolean showsDeadLetters() {
        return has(Roles.ADMIN);
    }

    public Chrome chrome() {
        return ConsoleResource.chrome(identity, language(), uri, request.getMethod());
    }

    /** The template in the reader's language. */
    public TemplateInstance page(TemplateInstance template) {
        return template.setLocale(language().locale);
    }

    /** The words of the reader's language, for what Java writes (chart series, "any"). */
    public ConsoleMessages words() {
        return "zh".equals(locale().getLanguage())
                ? MessageBundles.get(ConsoleMessages.class, Localized.Literal.of("zh-CN"))
                : MessageBundles.get(ConsoleMessages.class);
    }

    public Locale locale() {
        return language().locale;
    }

    public String money(BigDecimal amount) {
        return format().money(amount);
    }

    public String minutes(Instant instant) {
        return format().minutes(instant);
    }

    public String seconds(Instant instant) {
        return format().seconds(instant);
    }

    ConsoleFormat format() {
        return new ConsoleFormat(language().locale, businessZone);
    }

    /** A page without a session goes to the sign-in form (the API would answer 401). */
    public Response signInFirst() {
        return Response.seeOther(URI.create("/console/login")).build();
    }

    /** A page the reader's role may not open: the console's message, 403. */
    public Response notForYourRole() {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(page(ConsoleResource.Templates.message(new MessagePage(chrome(), "forbiddenTitle")))).build();
    }

    private boolean has(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    ZoneId businessZone() {
        return businessZone;
    }

    ConsoleLanguage language() {
        return ConsoleLanguage.of(headers);
    }
}
