package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CreditLineService;
import com.uplift.application.CreditLineSnapshot;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.risk.RiskInputs;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** 提额名单: a line's offers of the increase list, for its channel, and their acceptance. */
@Path("/api/credit-lines/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Increase offers", description = "提额名单: increases offered by the scan, read and accepted by the channels")
public class OfferResource {

    private final CommandRunner commands;
    private final CreditLineService service;
    private final PolicyCatalog policies;
    private final Caller caller;
    private final Clock clock;

    public OfferResource(CommandRunner commands, CreditLineService service, PolicyCatalog policies, Caller caller,
                         Clock clock) {
        this.commands = commands;
        this.service = service;
        this.policies = policies;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/offers")
    @RolesAllowed({Roles.CHANNEL, Roles.OPERATIONS, Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    @Operation(operationId = "listLineOffers",
            summary = "The line's increase offers, newest first: LIVE ones can be accepted until their expiresOn",
            description = "Read from the line's own events (no lag). EXPIRED is a LIVE offer past its expiry business"
                    + " date. A withdrawn offer's reasons come with texts in the language Accept-Language prefers."
                    + " Roles: channel, operations, risk-officer, senior-risk-officer, auditor.")
    @APIResponse(responseCode = "200", description = "The offers, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = OfferView.class),
                    examples = @ExampleObject(name = "a live offer", value = """
                            [{"offerId":"OF-79ef...","status":"LIVE","oldLimit":10000.00,"offeredLimit":14600.00,"score":94,
                              "grade":"A","aprPercent":7.20,"reasons":["REPAYMENT_ON_TIME","WORST_DAYS_PAST_DUE"],
                              "offeredOn":"2026-11-30","expiresOn":"2026-12-30","scanRunId":"SCAN-2c1e...","policyVersion":2}]""")))
    @APIResponse(responseCode = "404", description = "No such credit line")
    public Uni<List<OfferView>> lineOffers(@PathParam("id") String id, @Context HttpHeaders headers) {
        Locale language = ReasonTexts.language(headers);
        LocalDate today = RiskInputs.businessDate(clock.instant(), PolicyCatalog.forLine(policies.known().book(), id).rules());
        return service.domainEvents(id).map(events -> OfferView.of(events, today, language));
    }

    @POST
    @Path("/offers/{offerId}/acceptance")
    @RolesAllowed(Roles.CHANNEL)
    @Operation(operationId = "acceptIncreaseOffer",
            summary = "Accept a live offer: an increase request that honours the offer when nothing material changed"
                    + " since it was made, and is decided afresh otherwise",
            description = "Material: a fact recorded since the offer that it rested on (a drawdown, a late or missed"
                    + " payment, days past due, income, assets, a bureau report, a note with a risk signal, a warning, a"
                    + " limit change), another policy in force, or the borrower's other lines exposing another amount;"
                    + " time passing, an on-time repayment and a cure are not (docs/policy.md). The answer says which and"
                    + " why; Location is the decision's full record. Roles: channel.")
    @APIResponse(responseCode = "201", description = "Accepted and decided",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/credit-lines/{id}/decisions/{requestId}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferAcceptanceView.class),
                    examples = @ExampleObject(name = "honoured", value = """
                            {"offerId":"OF-79ef...","honoured":true,"materialChanges":[],
                             "explanation":"offer OF-79ef... of 2026-11-30 honoured at 14600.00: nothing material changed since it was made ...",
                             "decision":{"requestId":"IR-5b1c...","outcome":"APPROVED","oldLimit":10000.00,"newLimit":14600.00}}""")))
    @APIResponse(responseCode = "404", description = "No such credit line, or no such offer on it (problem type not-found)")
    @APIResponse(responseCode = "409", description = "The offer expired, was withdrawn or was already accepted"
            + " (problem type conflict, code OFFER_EXPIRED, OFFER_WITHDRAWN or OFFER_ALREADY_ACCEPTED)")
    @APIResponse(responseCode = "422", description = "Refused before any decision (e.g. another request is pending)")
    public Uni<Response> accept(@PathParam("id") String id,
                                @PathParam("offerId") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String offerId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key, @Context HttpHeaders headers) {
        Locale language = ReasonTexts.language(headers);
        String requestId = "IR-" + UUID.randomUUID();
        return commands.run(caller, "POST", "/api/credit-lines/" + id + "/offers/" + offerId + "/acceptance", id, ifMatch,
                key, Map.of("offerId", offerId),
                at -> new CreditLineCommand.AcceptIncreaseOffer(offerId, requestId, caller.channel(), caller.actor(), at),
                (snapshot, response) -> response
                        .header(HttpHeaders.LOCATION, "/api/credit-lines/" + id + "/decisions/" + requestId)
                        .entity(OfferAcceptanceView.of(accepted(snapshot), IncreaseDecisionView.of(id, decided(snapshot),
                                CreditLineView.of(snapshot), language))),
                Response.Status.CREATED);
    }

    private static IncreaseOfferAccepted accepted(CreditLineSnapshot snapshot) {
        return snapshot.appended(IncreaseOfferAccepted.class)
                .orElseThrow(() -> new IllegalStateException("an acceptance appended no IncreaseOfferAccepted"));
    }

    private static IncreaseDecided decided(CreditLineSnapshot snapshot) {
        return snapshot.appended(IncreaseDecided.class)
                .orElseThrow(() -> new IllegalStateException("an acceptance appended no decision"));
    }
}
