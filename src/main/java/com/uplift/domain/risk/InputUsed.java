package com.uplift.domain.risk;

import java.time.LocalDate;

/**
 * An input a decision used, as received: its reference, the date it speaks for, its age in days at decision time
 * and whether it counted (OK) or not (MISSING, STALE, CONTRADICTORY).
 */
public record InputUsed(String input, String reference, LocalDate asOf, Long ageDays, String status) {
}
