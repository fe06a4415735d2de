package com.uplift.api;

import com.uplift.application.CreditLineNotFoundException;
import com.uplift.application.CreditLineService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Confines a caller whose token names a borrower ({@value Caller#BORROWER_CLAIM}) to that borrower's credit lines,
 * in one place for every endpoint:
 * <ul>
 * <li>a line of another borrower is answered exactly like a line that does not exist (404), for reads and commands
 *     alike, so a confined caller cannot even learn which ids exist;</li>
 * <li>the list of lines and opening a line are confined by the resource ({@link Caller#borrowerToList},
 *     {@link Caller#mayActFor});</li>
 * <li>every other endpoint (warnings, queues, portfolio, audit, policies, administration) spans many borrowers
 *     and is refused (403).</li>
 * </ul>
 * A caller without the claim is not affected.
 */
public class BorrowerScope {

    private static final String LINES = "/api/credit-lines";

    private final Caller caller;
    private final CreditLineService lines;

    public BorrowerScope(Caller caller, CreditLineService lines) {
        this.caller = caller;
        this.lines = lines;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100)
    public Uni<Response> confine(ContainerRequestContext request) {
        Optional<String> borrower = caller.borrower();
        String path = request.getUriInfo().getPath();
        if (borrower.isEmpty() || !path.startsWith("/api/") || path.equals(LINES) || path.equals(LINES + "/")) {
            return Uni.createFrom().nullItem();
        }
        String lineId = request.getUriInfo().getPathParameters().getFirst("id");
        if (!path.startsWith(LINES + "/") || lineId == null) {
            return Uni.createFrom().item(Problem.of(ProblemType.FORBIDDEN,
                    "a token confined to one borrower reaches only that borrower's credit lines").toResponse());
        }
        return lines.loadUpTo(lineId, 1).map(opened -> caller.mayActFor(opened.state().borrowerId())
                ? null
                : ProblemMappers.outcome(new CreditLineNotFoundException(lineId)));
    }
}
