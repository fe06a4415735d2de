package com.uplift.readmodel;

import com.uplift.domain.creditline.CreditLineEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

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
    /** Derived from {@link #pastDue()} for SQL, which ages days past due from it ({@link PastDue#reportedSince}). */
    @Column(name = "reported_since")
    public LocalDate reportedSince;
    /** Derived from {@link #pastDue()} for SQL ({@link PastDue#arrearsSince}). */
    @Column(name = "arrears_since")
    public LocalDate arrearsSince;
    /** {@link PastDue} as canonical JSON (jsonb): unpaid missed instalments and servicing's latest report. */
    @Column(name = "past_due")
    // text in both directions: bound as a plain string, the reactive client would store it as a JSON string scalar
    @ColumnTransformer(read = "past_due::text", write = "cast(cast(? as text) as jsonb)")
    public String pastDueJson;
    @Transient
    private PastDue pastDue;
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

    /** Days past due on a date, counted by the domain from the row's unpaid instalments and servicing's report. */
    public int daysPastDueOn(LocalDate date) {
        return pastDue().daysPastDueOn(date);
    }

    PastDue pastDue() {
        if (pastDue == null) {
            pastDue = PastDue.fromJson(pastDueJson);
        }
        return pastDue;
    }

    /** Folds an event that changes what is past due ({@link LineChange.PastDueMoved}). */
    void pastDue(CreditLineEvent event) {
        pastDue = pastDue().after(event);
        pastDueJson = pastDue.unpaid().isEmpty() && pastDue.report() == null ? null : pastDue.toJson();
        reportedSince = pastDue.reportedSince();
        arrearsSince = pastDue.arrearsSince();
    }

    static String key(int generation, String creditLineId) {
        return generation + ":" + creditLineId;
    }
}
