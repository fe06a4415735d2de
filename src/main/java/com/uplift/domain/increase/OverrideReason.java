package com.uplift.domain.increase;

/**
 * Why a senior reviewer approves a limit above the policy's increase band: a closed set, so that overrides can be
 * counted, reviewed and challenged by kind (docs/policy.md, "Multi-level review"). Each names evidence the scorecard
 * does not see. Codes are stored in review events: a code is never renamed or removed, only added.
 */
public enum OverrideReason {
    /** Income verified since the request is durably higher than the scorecard's window shows (new contract, promotion). */
    VERIFIED_INCOME_INCREASE,
    /** The borrower pledged collateral or a deposit that secures the part above the band. */
    COLLATERAL_PROVIDED,
    /** A long, clean relationship on the lender's other products (deposits, loans repaid) that this line does not show. */
    RELATIONSHIP_HISTORY,
    /** The increase refinances verified debt elsewhere, so the borrower's total debt does not grow. */
    DEBT_CONSOLIDATION,
    /** A guarantor with verified income and a clean bureau report stands behind the increase. */
    GUARANTOR_ADDED
}
