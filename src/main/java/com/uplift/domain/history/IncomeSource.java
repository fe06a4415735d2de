package com.uplift.domain.history;

/** Where a verified income figure comes from. */
public enum IncomeSource {
    SALARY_SLIP, BANK_STATEMENT, TAX_RECORD
}
