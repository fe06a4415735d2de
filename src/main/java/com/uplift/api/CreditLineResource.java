package com.uplift.api;

import com.uplift.application.CommandContext;
import com.uplift.application.CreditLineService;
import com.uplift.application.CreditLineSnapshot;
import com.uplift.domain.creditline.CreditLineCommand;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.util.Currency;
import java.util.UUID;

/** HTTP to commands and snapshots to JSON; no business rule lives here. */
@Path("/api/credit-lines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credit lines")
public class CreditLineResource {

    private final CreditLineService service;
    private final Clock clock;

    public CreditLineResource(CreditLineService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Open a credit line")
    @APIResponse(responseCode = "201", description = "Opened; Location names the new line")
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json with field errors)")
    public Uni<Response> open(@Valid @NotNull OpenCreditLineRequest request) {
        String id = UUID.randomUUID().toString();
        var command = new CreditLineCommand.OpenCreditLine(id, request.borrowerId(), request.productCode(),
                request.initialLimit(), Currency.getInstance(request.currency() == null ? "CNY" : request.currency()),
                request.segment() == null ? "STANDARD" : request.segment(), clock.instant());
        return service.handle(id, command, new CommandContext("anonymous", "API", null, 0L))
                .map(snapshot -> withVersion(Response.created(URI.create("/api/credit-lines/" + id)), snapshot));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A credit line's current state, rebuilt from its events")
    @APIResponse(responseCode = "200", description = "The line; ETag carries the stream version")
    @APIResponse(responseCode = "404", description = "No such credit line")
    public Uni<Response> get(@PathParam("id") String id) {
        return service.find(id, Long.MAX_VALUE).map(snapshot -> withVersion(Response.ok(), snapshot));
    }

    private static Response withVersion(Response.ResponseBuilder builder, CreditLineSnapshot snapshot) {
        return builder.tag(new EntityTag(Long.toString(snapshot.version()))).entity(CreditLineView.of(snapshot)).build();
    }
}
