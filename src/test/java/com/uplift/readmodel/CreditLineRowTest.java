package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days past due in the list view are the domain's (its fold, its count), survive the row's round trip through the
 * database, and the two dates SQL ages them from agree with the domain on every later day.
 */
class CreditLineRowTest {

    private static final Instant AT = Instant.parse("2026-03-20T02:00:00Z");

    private static PaymentMissed missed(String due, String amount) {
        return new PaymentMissed(LocalDate.parse(due), new BigDecimal(amount), AT);
    }

    private static RepaymentRecorded repaid(String amount) {
        return new RepaymentRecorded(new BigDecimal(amount), LocalDate.parse("2026-03-15"), LocalDate.parse("2026-03-20"),
                5, BigDecimal.ZERO, BigDecimal.ZERO, AT);
    }

    private static CreditLineRow rowAfter(CreditLineEvent... events) {
        CreditLineRow row = new CreditLineRow();
        for (CreditLineEvent event : events) {
            row.pastDue(event);
        }
        return row;
    }

    @Test
    void repaymentsPayTheOldestMissedInstalmentFirst() {
        CreditLineRow row = rowAfter(missed("2026-01-15", "850.00"), missed("2026-02-15", "850.00"));
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-20"))).isEqualTo(64);

        row.pastDue(repaid("900.00")); // January paid, 50 of February
        assertThat(row.arrearsSince).isEqualTo(LocalDate.parse("2026-02-15"));
        assertThat(row.pastDue().unpaid()).singleElement()
                .satisfies(m -> assertThat(m.outstanding()).isEqualByComparingTo("800.00"));
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-20"))).isEqualTo(33);
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-30"))).isEqualTo(43); // ages without an event

        row.pastDue(repaid("800.00"));
        assertThat(row.arrearsSince).isNull();
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-30"))).isZero();
    }

    @Test
    void servicingsReportCountsWhenItIsTheOlderOfTheTwo() {
        CreditLineRow row = rowAfter(new DelinquencyReported(31, LocalDate.parse("2026-02-01"), AT),
                missed("2026-02-15", "100.00"));
        assertThat(row.reportedSince).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-03-02"))).isEqualTo(60);
    }

    @Test
    void aCureClearsBothTheReportAndTheArrears() {
        CreditLineRow row = rowAfter(new DelinquencyReported(40, LocalDate.parse("2026-03-01"), AT),
                missed("2026-02-15", "100.00"),
                new DelinquencyCured(LocalDate.parse("2026-03-20"), 40, "SERVICING_REPORT", AT));
        assertThat(row.reportedSince).isNull();
        assertThat(row.arrearsSince).isNull();
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-04-30"))).isZero();
    }

    @Test
    void whatIsStoredReadsBackToTheSameCount() {
        CreditLineRow written = rowAfter(new DelinquencyReported(12, LocalDate.parse("2026-03-10"), AT),
                missed("2026-01-15", "850.00"), missed("2026-02-15", "850.00"), repaid("1000.00"));
        CreditLineRow read = new CreditLineRow();
        read.pastDueJson = written.pastDueJson;

        assertThat(read.pastDue()).isEqualTo(written.pastDue());
        assertThat(read.daysPastDueOn(LocalDate.parse("2026-04-01"))).isEqualTo(45);
        assertThat(new CreditLineRow().daysPastDueOn(LocalDate.parse("2026-04-01"))).isZero(); // never past due
    }

    @Test
    void theDatesSqlAgesFromGiveTheDomainsCountOnEveryLaterDay() {
        Stream.of(
                rowAfter(missed("2026-01-15", "850.00"), missed("2026-02-15", "850.00"), repaid("900.00")),
                rowAfter(new DelinquencyReported(31, LocalDate.parse("2026-02-01"), AT), missed("2026-02-15", "100.00")),
                rowAfter(new DelinquencyReported(5, LocalDate.parse("2026-03-19"), AT)),
                rowAfter(missed("2026-03-20", "10.00")) // due today: 0 days past due now, 1 tomorrow
        ).forEach(row -> {
            LocalDate since = Stream.of(row.reportedSince, row.arrearsSince).filter(d -> d != null)
                    .min(LocalDate::compareTo).orElseThrow();
            for (LocalDate day = LocalDate.parse("2026-03-20"); day.isBefore(LocalDate.parse("2026-07-01")); day = day.plusDays(1)) {
                assertThat(row.daysPastDueOn(day)).as("on %s", day).isEqualTo(ChronoUnit.DAYS.between(since, day));
            }
        });
    }

    @Test
    void aRowConvertedByTheV5MigrationReadsAsTheDomainValue() {
        // the shape V5__credit_line_past_due.sql writes for a pre-V5 row (reported_since 2026-10-20, one instalment)
        CreditLineRow row = new CreditLineRow();
        row.pastDueJson = """
                {"report": {"asOf": "2026-11-29", "daysPastDue": 40},
                 "unpaid": [{"dueDate": "2026-11-15", "amountDue": "10.00", "outstanding": "10.00"}]}""";
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-11-29"))).isEqualTo(40);
        assertThat(row.daysPastDueOn(LocalDate.parse("2026-12-09"))).isEqualTo(50);
        row.pastDue(repaid("10.00"));
        assertThat(row.arrearsSince).isNull();
        assertThat(row.reportedSince).isEqualTo(LocalDate.parse("2026-10-20"));
    }
}
