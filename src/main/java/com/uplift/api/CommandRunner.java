package com.uplift.api;

import com.uplift.application.CommandContext;
import com.uplift.application.CreditLineService;
import com.uplift.application.CreditLineSnapshot;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.eventstore.CanonicalJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one path of every command over HTTP: Idempotency-Key, If-Match, the command stamped with the server's clock,
 * and a response that carries the resulting state, its version (also as ETag) and its global position.
 */
@ApplicationScoped
public class CommandRunner {

    private final CreditLineService service;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    public CommandRunner(CreditLineService service, IdempotencyKeys idempotency, Clock clock) {
        this.service = service;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * @param request  the request body, part of what an Idempotency-Key is bound to
     * @param command  builds the command from the arrival instant
     * @param response builds the response from the resulting snapshot (status, body)
     */
    public Uni<Response> run(Caller caller, String method, String path, String creditLineId, String ifMatch,
                             String idempotencyKey, Object request, Function<Instant, CreditLineCommand> command,
                             BiFunction<CreditLineSnapshot, Response.ResponseBuilder, Response.ResponseBuilder> response,
                             Response.Status status) {
        Long expectedVersion = Versions.fromIfMatch(ifMatch);
        return run(caller.actor(), () -> caller.command(expectedVersion), method + " " + path, creditLineId, idempotencyKey,
                request, command, response, status);
    }

    /**
     * The same path for a command that did not come over HTTP (a servicing fact from Kafka): the context names its
     * actor, channel and correlation id, and {@code target} stands for the method and path an Idempotency-Key is bound to.
     */
    public Uni<Response> run(String actor, Supplier<CommandContext> context, String target, String creditLineId,
                             String idempotencyKey, Object request, Function<Instant, CreditLineCommand> command,
                             BiFunction<CreditLineSnapshot, Response.ResponseBuilder, Response.ResponseBuilder> response,
                             Response.Status status) {
        // what an Idempotency-Key is bound to; a request without a key needs none
        String fingerprint = idempotencyKey == null ? null : target + "\n" + CanonicalJson.write(request);
        Function<CreditLineSnapshot, Response> answer = snapshot -> response.apply(snapshot, Response.status(status))
                .tag(new EntityTag(Long.toString(snapshot.version())))
                .build();
        return idempotency.onceWithEvents(actor, idempotencyKey, fingerprint, answer, commandAnswer ->
                service.handle(creditLineId, command.apply(clock.instant()), context.get().answeredBy(commandAnswer)));
    }
}
