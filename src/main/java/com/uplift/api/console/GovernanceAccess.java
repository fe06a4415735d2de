package com.uplift.api.console;

import com.uplift.api.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * Which of the governance pages and forms the signed-in reader is shown (the header's links, templates as
 * {inject:governance.xxx}). Only what is shown: every action is still the API's, whose roles refuse it (PolicyResource,
 * AuditResource), so this mirrors those roles for the links and never decides anything itself.
 */
@RequestScoped
@Named("governance")
public class GovernanceAccess {

    private final SecurityIdentity identity;

    public GovernanceAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Reads the policy book (GET /api/policies): officers, senior officers, auditors, admins. */
    public boolean policies() {
        return admin() || auditor() || identity.hasRole(Roles.RISK_OFFICER) || identity.hasRole(Roles.SENIOR_RISK_OFFICER);
    }

    /** Proposes, approves and rejects policy versions. */
    public boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** Starts verifications and downloads exports. */
    public boolean auditor() {
        return identity.hasRole(Roles.AUDITOR);
    }

    /** The audit page: verifications and exports (auditor), anchoring (auditor, admin). */
    public boolean audit() {
        return auditor() || admin();
    }
}
