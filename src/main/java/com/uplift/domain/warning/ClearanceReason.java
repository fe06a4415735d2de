package com.uplift.domain.warning;

/**
 * Why a senior risk officer cleared a warning flag by hand: a closed set, stored by name in
 * {@code WarningClearedByOfficer} (an approval test freezes it: a code may be added, never renamed or removed).
 * Only flags raised by what a service note said can be cleared this way (docs/policy.md, "Clearing a warning").
 */
public enum ClearanceReason {
    /** An investigation found that what the note reported is not true (e.g. the fraud check found nothing). */
    NOTE_DISPROVED,
    /** The note does not say what the signal read into it (a misreading of the text). */
    NOTE_MISREAD,
    /** What the note reported was true but is over (the borrower is back at work, the dispute is settled). */
    SITUATION_RESOLVED
}
