package com.uplift.architecture.planted.audit;

import com.uplift.architecture.planted.api.Resource;

/** Breaks the layers: audit calls up into the HTTP edge. */
public class AuditThatCallsTheApi {
    Resource resource;
}
