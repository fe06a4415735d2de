package com.uplift.api.security;

/** The roles of the API. Endpoints name them in @RolesAllowed; tokens carry them in the "groups" claim. */
public final class Roles {

    /** Front-end channels: open lines, request increases, read. */
    public static final String CHANNEL = "channel";
    /** Servicing systems: drawdowns, repayments, delinquencies, income, assets, bureau reports, notes. */
    public static final String OPERATIONS = "operations";
    /** Level-1 review. */
    public static final String RISK_OFFICER = "risk-officer";
    /** Level-2 review. */
    public static final String SENIOR_RISK_OFFICER = "senior-risk-officer";
    /** Read-only, audit endpoints. */
    public static final String AUDITOR = "auditor";
    /** Policies and operations of the service itself. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
