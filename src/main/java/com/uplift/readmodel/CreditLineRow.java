package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** One credit line in the list view: what risk officers filter and sort on. */
@Entity
@Table(name = "credit_line_view")
public class CreditLineRow extends PanacheEntityBase {

    @Id
    public String id;
    public int generation;
    @Column(name = "credit_line_id")
    public String creditLineId;
    @Column(name = "borrower_id")
    public String borrowerId;
    @Column(name = "product_code")
    public String productCode;
    public String segment;
    public String currency;
    @Column(name = "credit_limit")
    public BigDecimal limit;
    public BigDecimal drawn;
    public BigDecimal available;
    public BigDecimal utilization;
    public Integer score;
    public String grade;
    @Column(name = "apr_percent")
    public BigDecimal aprPercent;
    @Column(name = "days_past_due")
    public int daysPastDue;
    @Column(name = "reported_since")
    public LocalDate reportedSince;
    @Column(name = "arrears_since")
    public LocalDate arrearsSince;
    /** Unpaid missed instalments, oldest first ({@code due=outstanding;...}): repayments pay the oldest first. */
    public String arrears;
    public String status;
    @Column(name = "active_warnings")
    public int activeWarnings;
    @Column(name = "severe_warnings")
    public int severeWarnings;
    @Column(name = "stream_version")
    public long streamVersion;
    @Column(name = "events_applied")
    public long eventsApplied;
    @Column(name = "last_position")
    public String lastPosition;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * Days past due on a date, as the domain counts them: from the servicing report aged to that date, or from the
     * oldest unpaid missed instalment, whichever is longer. Stored dates age by themselves; a stored number would not.
     */
    public int daysPastDueOn(LocalDate date) {
        LocalDate since = reportedSince == null ? arrearsSince
                : arrearsSince == null || reportedSince.isBefore(arrearsSince) ? reportedSince : arrearsSince;
        return since == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(since, date));
    }

    /** Records a missed instalment. */
    void missed(LocalDate due, BigDecimal amount) {
        java.util.TreeMap<LocalDate, BigDecimal> open = arrears();
        open.merge(due, amount, BigDecimal::add);
        arrears(open);
    }

    /** Applies a repayment to the oldest unpaid instalments first, as the domain does. */
    void repaid(BigDecimal amount) {
        java.util.TreeMap<LocalDate, BigDecimal> open = arrears();
        BigDecimal left = amount;
        for (var entry : open.entrySet()) {
            BigDecimal paid = left.min(entry.getValue());
            entry.setValue(entry.getValue().subtract(paid));
            left = left.subtract(paid);
        }
        open.values().removeIf(outstanding -> outstanding.signum() <= 0);
        arrears(open);
    }

    void arrearsCleared() {
        arrears(new java.util.TreeMap<>());
    }

    private java.util.TreeMap<LocalDate, BigDecimal> arrears() {
        java.util.TreeMap<LocalDate, BigDecimal> open = new java.util.TreeMap<>();
        if (arrears != null && !arrears.isBlank()) {
            for (String item : arrears.split(";")) {
                String[] parts = item.split("=");
                open.put(LocalDate.parse(parts[0]), new BigDecimal(parts[1]));
            }
        }
        return open;
    }

    private void arrears(java.util.TreeMap<LocalDate, BigDecimal> open) {
        StringBuilder text = new StringBuilder();
        open.forEach((due, outstanding) -> text.append(text.isEmpty() ? "" : ";").append(due).append('=').append(outstanding.toPlainString()));
        arrears = text.isEmpty() ? null : text.toString();
        arrearsSince = open.isEmpty() ? null : open.firstKey();
    }

    static String key(int generation, String creditLineId) {
        return generation + ":" + creditLineId;
    }
}
