package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.ClearWarning;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Who raised a warning flag, for the four-eyes rule of a clearance: the actor stored in the metadata of the latest
 * {@code WarningRaised} of that flag (the person whose command's batch raised it, e.g. who recorded the note). The
 * decider never sees metadata, so the clearance command carries the raiser, and the clearance event records it.
 */
@ApplicationScoped
public class WarningRaisers {

    private final EventStore store;

    public WarningRaisers(EventStore store) {
        this.store = store;
    }

    /** The command with {@code raisedBy} filled in for a clearance; any other command as it is. */
    public Uni<CreditLineCommand> enrich(String creditLineId, CreditLineCommand command) {
        if (!(command instanceof ClearWarning clearance)) {
            return Uni.createFrom().item(command);
        }
        return store.readStream(CreditLineStream.of(creditLineId), 1)
                .map(events -> clearance.withRaisedBy(raiser(events, clearance.flag())));
    }

    /** The actor of the latest WarningRaised of the flag; null when it was never raised. */
    static String raiser(List<RecordedEvent> events, String flag) {
        String raiser = null;
        for (RecordedEvent event : events) {
            if (event.eventType().equals("WarningRaised") && flag.equals(event.payload().path("flag").asText(null))) {
                raiser = event.metadata().actor();
            }
        }
        return raiser;
    }
}
