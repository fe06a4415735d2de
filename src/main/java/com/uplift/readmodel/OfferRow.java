package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One offer of the increase list (提额名单) as it stands: LIVE, WITHDRAWN or ACCEPTED (EXPIRED is derived by date). */
@Entity
@Table(name = "increase_offer_view")
public class OfferRow extends PanacheEntityBase {

    @Id
    public String id;
    public int generation;
    @Column(name = "offer_id")
    public String offerId;
    @Column(name = "credit_line_id")
    public String creditLineId;
    public String segment;
    @Column(name = "strategy_arm")
    public String strategyArm;
    public String grade;
    public int score;
    @Column(name = "apr_percent")
    public BigDecimal aprPercent;
    @Column(name = "old_limit")
    public BigDecimal oldLimit;
    @Column(name = "offered_limit")
    public BigDecimal offeredLimit;
    @Column(name = "business_date")
    public LocalDate businessDate;
    @Column(name = "expires_on")
    public LocalDate expiresOn;
    public String status;
    public String reasons;
    @Column(name = "withdrawal_reasons")
    public String withdrawalReasons;
    @Column(name = "request_id")
    public String requestId;
    public Boolean honoured;
    @Column(name = "scan_run_id")
    public String scanRunId;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "offered_at")
    public Instant offeredAt;
    @Column(name = "closed_at")
    public Instant closedAt;
}
