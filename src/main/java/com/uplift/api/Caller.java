package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CommandContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is calling, through which channel, under which request id. Filled by {@link RequestFilters}; the actor is the
 * authenticated principal, never a name from a request body.
 */
@RequestScoped
public class Caller {

    static final Set<String> CHANNELS = Set.of("APP", "WEB", "PARTNER", "BACK_OFFICE", "SERVICING", "SYSTEM");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /**
     * The JWT claim that confines a caller to one borrower's credit lines (e.g. a token the app issues for a signed-in
     * borrower). A token without it (the channel's service account) keeps the reach of its roles.
     */
    public static final String BORROWER_CLAIM = "borrower_id";
    private static final Pattern BORROWER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SecurityIdentity identity;
    private String requestId;
    private String channelHeader;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    static boolean isValidRequestId(String candidate) {
        return candidate != null && REQUEST_ID.matcher(candidate).matches();
    }

    void requestId(String requestId) {
        this.requestId = requestId;
    }

    void channelHeader(String channel) {
        this.channelHeader = channel;
    }

    /**
     * The channels a caller may name for itself: front ends name their own channel, servicing systems and the back
     * office theirs. The audit trail must not say APP for what a back-office user did.
     */
    boolean mayUseChannel(String channel) {
        if (identity.hasRole(Roles.CHANNEL) && Set.of("APP", "WEB", "PARTNER").contains(channel)) {
            return true;
        }
        if (identity.hasRole(Roles.OPERATIONS) && Set.of("SERVICING", "BACK_OFFICE").contains(channel)) {
            return true;
        }
        // staff (risk officers, auditors, admins) act through the back office; a front-end channel never does
        return "BACK_OFFICE".equals(channel) && !identity.isAnonymous() && !identity.hasRole(Roles.CHANNEL);
    }

    public String requestId() {
        return requestId;
    }

    /**
     * The borrower this caller is confined to, from the {@value #BORROWER_CLAIM} claim of its token; empty for an
     * unconfined caller. A claim that is present but not a borrower id confines the caller to nothing.
     */
    public Optional<String> borrower() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || !token.containsClaim(BORROWER_CLAIM)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(BORROWER_CLAIM);
        String borrower = claim instanceof jakarta.json.JsonString json ? json.getString() : String.valueOf(claim);
        return Optional.of(BORROWER_ID.matcher(borrower).matches() ? borrower : "");
    }

    /** May this caller act for {@code borrowerId}? Always when unconfined; else only for its own borrower. */
    public boolean mayActFor(String borrowerId) {
        return borrower().map(own -> !own.isEmpty() && own.equals(borrowerId)).orElse(true);
    }

    /**
     * The borrower a list of lines is filtered by: the caller's own when it is confined (asking for another is
     * refused), else what it asked for.
     */
    public String borrowerToList(String requested) {
        Optional<String> own = borrower();
        if (own.isPresent() && requested != null && !requested.equals(own.get())) {
            throw new io.quarkus.security.ForbiddenException("this token lists borrower " + own.get() + "'s lines only");
        }
        return own.orElse(requested);
    }

    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /**
     * A review level is a role (increases and decreases alike): level 1 a risk officer, level 2 a senior risk officer;
     * a 403 otherwise.
     */
    public void requireReviewer(int level) {
        String roleForLevel = level == 1 ? com.uplift.api.security.Roles.RISK_OFFICER
                : com.uplift.api.security.Roles.SENIOR_RISK_OFFICER;
        if (!hasRole(roleForLevel)) {
            throw new io.quarkus.security.ForbiddenException("level " + level + " reviews need the " + roleForLevel + " role");
        }
    }

    /** The channel the client named in X-Channel, else the one its role implies. */
    public String channel() {
        if (channelHeader != null) {
            if (!mayUseChannel(channelHeader)) {
                throw Problem.invalidRequest(RequestFilters.CHANNEL, "not your channel",
                        "X-Channel " + channelHeader + " is not a channel your role acts through");
            }
            return channelHeader;
        }
        if (identity.hasRole(Roles.CHANNEL)) {
            return "APP";
        }
        if (identity.hasRole(Roles.OPERATIONS)) {
            return "SERVICING";
        }
        return "BACK_OFFICE";
    }

    public CommandContext command(Long expectedVersion) {
        return new CommandContext(actor(), channel(), requestId, expectedVersion);
    }
}
