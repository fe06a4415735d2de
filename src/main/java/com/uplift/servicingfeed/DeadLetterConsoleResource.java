package com.uplift.servicingfeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.api.console.ConsoleFrame;
import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's page of the servicing feed's dead letters (operators, role admin): the list, one letter with its
 * record, reason and problem, and its replay. Everything goes through the operators' API
 * ({@link DeadLetterResource}), so the page lists, shows and replays exactly what {@code /api/admin/dead-letters}
 * does; a replay refused again shows the problem the command path answered. It lives here, beside that API, because
 * the console's package may not use the servicing feed (the feed sits above the HTTP edge).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class DeadLetterConsoleResource {

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance deadLetters(DeadLettersPage page);

        static native TemplateInstance deadLetter(DeadLetterPage page);
    }

    static final int PAGE = 100;

    @TemplateData
    record LetterRow(long id, String reason, String problem, String topic, int partition, long offset, String when,
                     String lineId, String messageId, String replay, String url) {
    }

    @TemplateData
    record DeadLettersPage(Chrome chrome, List<LetterRow> rows, Long nextAfterId) {
    }

    @TemplateData
    record Header(String name, String value) {
    }

    /** A problem+json body as the page shows it: its fields, and the whole document. */
    @TemplateData
    record ProblemView(int status, String title, String detail, String type, String code, List<String> reasons,
                       String document) {
    }

    @TemplateData
    record ReplayOutcome(boolean recorded, int status, ProblemView problem) {
    }

    @TemplateData
    record DeadLetterPage(Chrome chrome, LetterRow letter, String key, String payload, List<Header> headers,
                          ProblemView problem, int refusedReplays, ReplayOutcome replay, boolean replayable) {
    }

    private final DeadLetterResource deadLetters;
    private final ConsoleFrame frame;
    private final ObjectMapper json;

    public DeadLetterConsoleResource(DeadLetterResource deadLetters, ConsoleFrame frame, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.frame = frame;
        this.json = json;
    }

    @GET
    @Path("/dead-letters")
    public Uni<TemplateInstance> list(@QueryParam("after") @DefaultValue("0") long afterId) {
        return deadLetters.list(Math.max(0, afterId), PAGE).map(page -> frame.page(Templates.deadLetters(
                new DeadLettersPage(frame.chrome(), page.items().stream().map(this::row).toList(), page.nextAfterId()))));
    }

    @GET
    @Path("/dead-letter")
    public Uni<Response> letter(@QueryParam("id") long id) {
        return shown(id, null);
    }

    @POST
    @Path("/dead-letter/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> replay(@FormParam("id") long id) {
        return deadLetters.replay(id).flatMap(answer -> answer.getEntity() instanceof DeadLetterReplays.Replay replay
                ? shown(id, new ReplayOutcome(replay.recorded(), replay.status(),
                        replay.recorded() ? null : problem(replay.answer())))
                : Uni.createFrom().item(noSuchLetter()));
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return frame.signInFirst();
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return frame.notForYourRole();
    }

    private Uni<Response> shown(long id, ReplayOutcome replay) {
        return deadLetters.get(id).map(answer -> answer.getEntity() instanceof DeadLetters.DeadLetter letter
                ? Response.ok(frame.page(Templates.deadLetter(new DeadLetterPage(frame.chrome(), row(letter), letter.key(),
                        letter.payload(), headers(letter.headers()), problem(letter.problem()), letter.refusedReplays(),
                        replay, letter.replayedAt() == null)))).build()
                : noSuchLetter());
    }

    private Response noSuchLetter() {
        return Response.status(Response.Status.NOT_FOUND).entity(frame.page(Templates.deadLetters(
                new DeadLettersPage(frame.chrome(), List.of(), null)))).build();
    }

    private LetterRow row(DeadLetters.DeadLetter letter) {
        JsonNode problem = letter.problem();
        String replay = letter.replayedAt() != null ? letter.replayStatus() + " · " + frame.minutes(letter.replayedAt())
                : letter.refusedReplays() > 0 ? "× " + letter.refusedReplays() : "–";
        return new LetterRow(letter.id(), letter.reason().name(),
                problem.path("status").asText() + " " + problem.path("title").asText(""), letter.topic(),
                letter.partition(), letter.offset(), frame.seconds(letter.deadLetteredAt()), orDash(letter.creditLineId()),
                orDash(letter.messageId()), replay, "/console/dead-letter?id=" + letter.id());
    }

    private static List<Header> headers(Map<String, String> headers) {
        List<Header> all = new ArrayList<>();
        new TreeMap<>(headers).forEach((name, value) -> all.add(new Header(name, value)));
        return all;
    }

    private ProblemView problem(JsonNode problem) {
        List<String> reasons = new ArrayList<>();
        problem.path("reasons").forEach(r -> reasons.add(r.asText()));
        String document;
        try {
            document = json.writerWithDefaultPrettyPrinter().writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem that cannot be written as JSON", e);
        }
        return new ProblemView(problem.path("status").asInt(), problem.path("title").asText(""),
                problem.path("detail").asText(""), problem.path("type").asText(""),
                problem.hasNonNull("code") ? problem.get("code").asText() : null, reasons, document);
    }

    private static String orDash(String value) {
        return value == null ? "–" : value;
    }
}
