package com.uplift.api;

import com.uplift.api.security.Roles;
import com.uplift.application.CommandContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

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

    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
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
