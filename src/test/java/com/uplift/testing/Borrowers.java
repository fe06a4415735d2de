package com.uplift.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static com.uplift.testing.Api.as;

/** Builds credit lines with a history over the API, the way the channel and the servicing systems would. */
public final class Borrowers {

    private Borrowers() {
    }

    /**
     * A line opened 13 months ago with 12 on-time repayments, two verified incomes around {@code monthlyIncome} and a
     * clean bureau report pulled an hour ago. Returns the line's path.
     */
    public static String goodBorrower(String borrowerId, String limit, String monthlyIncome) {
        return goodBorrower(borrowerId, "STANDARD", limit, monthlyIncome);
    }

    /** The same, in a segment of the policy (operations choose it when they migrate a line). */
    public static String goodBorrower(String borrowerId, String segment, String limit, String monthlyIncome) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // a line migrated from the origination system with its real open date: an operations task
        String line = as("ops").body("""
                        {"borrowerId":"%s","productCode":"XM-CASH","initialLimit":%s,"currency":"CNY","openedOn":"%s","segment":"%s"}"""
                        .formatted(borrowerId, limit, today.minusMonths(13), segment))
                .post("/api/credit-lines").then().statusCode(201).extract().header("Location");
        for (int month = 12; month >= 1; month--) {
            LocalDate due = today.minusMonths(month);
            as("ops").body("""
                            {"amount":850.00,"dueDate":"%s","paidOn":"%s"}""".formatted(due, due))
                    .post(line + "/repayments").then().statusCode(200);
        }
        BigDecimal income = new BigDecimal(monthlyIncome);
        as("ops").body("""
                        {"monthlyIncome":%s,"source":"SALARY_SLIP","period":"%s"}""".formatted(income, YearMonth.from(today).minusMonths(2)))
                .post(line + "/income-verifications").then().statusCode(200);
        as("ops").body("""
                        {"monthlyIncome":%s,"source":"BANK_STATEMENT","period":"%s"}"""
                        .formatted(income.multiply(new BigDecimal("1.025")).setScale(2, java.math.RoundingMode.HALF_EVEN),
                                YearMonth.from(today).minusMonths(1)))
                .post(line + "/income-verifications").then().statusCode(200);
        as("ops").body("""
                        {"bureau":"PBOC","reportId":"R-%s","score":720,"negativeRecords":[],"pulledAt":"%s"}"""
                        .formatted(borrowerId, Instant.now().minusSeconds(3600)))
                .post(line + "/bureau-reports").then().statusCode(200);
        return line;
    }
}
