package com.uplift.domain.warning;

import com.uplift.domain.policy.Severity;

/** An early-warning flag whose condition holds, with the measure that made it hold. */
public record WarningFlag(String flag, Severity severity, String detail) {
}
