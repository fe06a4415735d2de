package com.uplift.domain.policy;

/**
 * How serious a warning flag is; each level adds a consequence.
 * WATCH: increases go to human review; WARNING: increases are declined; SEVERE: drawdowns are frozen too.
 */
public enum Severity {
    WATCH, WARNING, SEVERE;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
