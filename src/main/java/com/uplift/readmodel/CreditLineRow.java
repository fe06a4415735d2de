package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

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
    public String status;
    @Column(name = "active_warnings")
    public int activeWarnings;
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

    static String key(int generation, String creditLineId) {
        return generation + ":" + creditLineId;
    }
}
