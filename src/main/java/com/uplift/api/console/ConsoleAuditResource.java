package com.uplift.api.console;

import com.uplift.api.AuditResource;
import com.uplift.api.Problem;
import com.uplift.api.console.GovernanceViews.AnchorView;
import com.uplift.api.console.GovernanceViews.AuditPage;
import com.uplift.api.console.GovernanceViews.VerificationPage;
import com.uplift.audit.StreamAnchors;
import com.uplift.audit.VerificationReport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The console's audit page: start a re-verification and watch it to its findings, download the export with its
 * manifest, anchor the stream heads. Each is {@link AuditResource}'s own method: its roles decide who may (verify and
 * export: auditor; anchor: auditor and admin), and a refusal is shown from its problem details.
 */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ConsoleAuditResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audit(AuditPage page);

        static native TemplateInstance verification(VerificationPage page);
    }

    private final AuditResource audit;
    private final GovernanceAccess access;
    private final ConsoleReader reader;

    public ConsoleAuditResource(AuditResource audit, GovernanceAccess access, ConsoleReader reader) {
        this.audit = audit;
        this.access = access;
        this.reader = reader;
    }

    @GET
    public Response page() {
        if (!access.audit()) {
            return reader.forbidden();
        }
        return auditPage(null, null, Response.Status.OK.getStatusCode());
    }

    @POST
    @Path("/verifications")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@FormParam("lines") String lines, @FormParam("from") String from, @FormParam("to") String to) {
        Response queued;
        try {
            queued = audit.verify(ScopeForm.of(lines, from, to, reader.businessZone()));
        } catch (UnauthorizedException signIn) {
            throw signIn;
        } catch (RuntimeException refused) {
            Problem problem = ConsoleResource.problemOf(refused);
            return auditPage(null, problem, problem.status());
        }
        VerificationReport report = (VerificationReport) queued.getEntity();
        return Response.seeOther(URI.create("/console/audit/verification?id="
                + URLEncoder.encode(report.id(), StandardCharsets.UTF_8))).build();
    }

    /** A verification's progress and findings; while it runs, the page's script reloads this section (governance.js). */
    @GET
    @Path("/verification")
    public Uni<Response> verification(@QueryParam("id") String id) {
        if (id == null || id.isBlank()) {
            return Uni.createFrom().item(reader.message("verificationNotFound", 404));
        }
        GovernancePages pages = new GovernancePages(reader.format());
        return audit.verification(id)
                .map(report -> Response.ok(reader.page(Templates.verification(pages.verification(reader.chrome(), report)))).build())
                .onFailure(NotFoundException.class).recoverWithItem(() -> reader.message("verificationNotFound", 404));
    }

    /** The API's export as a download: NDJSON events or CSV decisions, the manifest as the last line. */
    @GET
    @Path("/export")
    @Blocking // the API's export writes the body page by page as it reads it
    @Produces({AuditResource.NDJSON, "text/csv", MediaType.TEXT_HTML})
    public Response export(@QueryParam("format") String format, @QueryParam("lines") String lines,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        try {
            return audit.export(iso(ScopeForm.instant("from", from, reader.businessZone())),
                    iso(ScopeForm.instant("to", to, reader.businessZone())), lines, "csv".equals(format) ? "csv" : "ndjson");
        } catch (ForbiddenException | UnauthorizedException refusedByRole) {
            throw refusedByRole;
        } catch (RuntimeException refused) {
            Problem problem = ConsoleResource.problemOf(refused);
            return auditPage(null, problem, problem.status());
        }
    }

    @POST
    @Path("/anchors")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking // anchoring pages through the log (StreamAnchors)
    public Response anchor() {
        StreamAnchors.AnchorResult result = (StreamAnchors.AnchorResult) audit.anchor().getEntity();
        return auditPage(GovernancePages.anchor(result), null, Response.Status.OK.getStatusCode());
    }

    private Response auditPage(AnchorView anchor, Problem refusal, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(reader.page(Templates.audit(new AuditPage(reader.chrome(), access.auditor(), access.audit(), anchor, refusal))))
                .build();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return ConsoleReader.signInFirst();
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return reader.forbidden();
    }
}
