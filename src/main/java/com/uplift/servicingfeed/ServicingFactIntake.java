package com.uplift.servicingfeed;

import com.uplift.api.CommandRunner;
import com.uplift.api.CreditLineView;
import com.uplift.application.CommandContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Records a servicing fact that came as a message through the same path as a REST call about it
 * ({@link CommandRunner}): the same decider, rules and metadata, with the sending system as actor, channel
 * {@value #CHANNEL}, the message id as correlation id and as Idempotency-Key. The key's answer is stored in the append
 * transaction, so a message delivered again appends nothing and gets the answer it got the first time.
 */
@ApplicationScoped
public class ServicingFactIntake {

    /** The channel of every event recorded from a message (events' metadata; beside APP, WEB, SERVICING ...). */
    public static final String CHANNEL = "STREAM";

    private final CommandRunner commands;

    public ServicingFactIntake(CommandRunner commands) {
        this.commands = commands;
    }

    /**
     * @param idempotencyKey the message id, or a key derived from it (an operator's replay of a dead letter)
     * @return the answer a REST call would have got: 200 with the line's new state, or a problem (404 unknown line,
     * 422 refused by a business rule, 422 the message id reused for another fact). An outage or a busy line is a
     * failure, not an answer: nothing was recorded, and the message is tried again.
     */
    public Uni<Response> record(ServicingFactMessage message, String idempotencyKey) {
        CommandContext context = new CommandContext(message.source(), CHANNEL, message.messageId(), null);
        return commands.run(message.source(), () -> context, "STREAM " + message.type() + " " + message.creditLineId(),
                message.creditLineId(), idempotencyKey, message.fact(), at -> message.fact().command(at, CHANNEL),
                (snapshot, response) -> response.entity(CreditLineView.of(snapshot)), Response.Status.OK);
    }
}
