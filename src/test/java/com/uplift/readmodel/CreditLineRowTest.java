package com.uplift.readmodel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Days past due in the list view are counted as the domain counts them, and age with the calendar. */
class CreditLineRowTest {

    @Test
    void repaymentsPayTheOldestMissedInstalmentFirst() {
        CreditLineRow row = new CreditLineRow();
        row.missed(LocalDate.parse("2026-01-15"), new BigDecimal("850.00"));
        row.missed(LocalDate.parse("2026-02-15"), new BigDecimal("850.00"));
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-20"))).isEqualTo(64);

        row.repaid(new BigDecimal("900.00")); // January paid, 50 of February
        assertThat(row.arrearsSince).isEqualTo(LocalDate.parse("2026-02-15"));
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-20"))).isEqualTo(33);
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-30"))).isEqualTo(43); // ages without an event

        row.repaid(new BigDecimal("800.00"));
        assertThat(row.arrearsSince).isNull();
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-30"))).isZero();
    }

    @Test
    void servicingsReportCountsWhenItIsTheOlderOfTheTwo() {
        CreditLineRow row = new CreditLineRow();
        row.reportedSince = LocalDate.parse("2026-01-01");
        row.missed(LocalDate.parse("2026-02-15"), new BigDecimal("100.00"));
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-02"))).isEqualTo(60);
    }
}
