package com.uplift.architecture.planted.application;

import com.uplift.architecture.planted.audit.Auditor;

/**
 * Breaks the layers and makes a package cycle, as the event type registry once did: the application names audit's
 * events while audit uses the application.
 */
public class RegistryThatNamesAuditEvents {
    Auditor auditor;
}
