package com.uplift.api;

import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.warning.ClearanceReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "A warning flag cleared by a senior risk officer, as recorded, and the line's state after it")
public record WarningClearanceView(String flag, Severity severity,
                                   @Schema(description = "the note signal that no longer counts for notes recorded so far") String signal,
                                   ClearanceReason reason, String comment, String clearedBy,
                                   @Schema(description = "who raised the flag (never the one who cleared it)") String raisedBy,
                                   @Schema(description = "SEVERE flags still active: drawdowns stay frozen while any remains")
                                   List<String> stillFrozenBy,
                                   String explanation, CreditLineView creditLine) {

    static WarningClearanceView of(WarningClearedByOfficer e, CreditLineView line) {
        return new WarningClearanceView(e.flag(), e.severity(), e.signal(), e.reason(), e.comment(), e.clearedBy(),
                e.raisedBy(), e.stillFrozenBy(), e.explanation(), line);
    }
}
