package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One limit-increase request: the review queue while it is pending, the portfolio's decision rates always. */
@Entity
@Table(name = "increase_decision_view")
public class IncreaseDecisionRow extends PanacheEntityBase {

    @Id
    public String id;
    public int generation;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "credit_line_id")
    public String creditLineId;
    public String segment;
    public String grade;
    public Integer score;
    @Column(name = "strategy_arm")
    public String strategyArm;
    @Column(name = "policy_version")
    public int policyVersion;
    public String outcome;
    public String status;
    @Column(name = "review_level")
    public Integer reviewLevel;
    @Column(name = "requested_by")
    public String requestedBy;
    public String channel;
    @Column(name = "old_limit")
    public BigDecimal oldLimit;
    @Column(name = "proposed_limit")
    public BigDecimal proposedLimit;
    @Column(name = "new_limit")
    public BigDecimal newLimit;
    public String reasons;
    public String explanation;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
