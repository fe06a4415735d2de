package com.uplift.api.console;

import com.uplift.api.AuditResource;
import com.uplift.api.Problem;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The scope fields of the audit and simulation forms (credit-line ids, and a recording-time range entered as wall-clock
 * times in the business zone) as the API's {@link AuditResource.ScopeRequest}; the API validates the ids and the range.
 */
final class ScopeForm {

    private ScopeForm() {
    }

    static AuditResource.ScopeRequest of(String lines, String from, String to, ZoneId businessZone) {
        List<String> ids = lines == null ? List.of()
                : Arrays.stream(lines.split("[,\\s]+")).filter(id -> !id.isEmpty()).toList();
        return new AuditResource.ScopeRequest(ids, instant("from", from, businessZone), instant("to", to, businessZone));
    }

    /** A datetime-local field's value as the instant it names in the business zone; null when empty. */
    static Instant instant(String field, String input, ZoneId businessZone) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(input.trim()).atZone(businessZone).toInstant();
        } catch (DateTimeParseException e) {
            String message = "not a date and time such as 2026-11-28T10:00";
            throw Problem.invalidRequest(field, message, field + ": " + message);
        }
    }
}
