package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** One limit decrease decision: the review queue while a referred one is pending. */
@Entity
@Table(name = "decrease_decision_view")
public class DecreaseDecisionRow extends PanacheEntityBase {

    @Id
    public String id;
    public int generation;
    @Column(name = "decrease_id")
    public String decreaseId;
    @Column(name = "credit_line_id")
    public String creditLineId;
    @Column(name = "policy_version")
    public int policyVersion;
    public String outcome;
    public String status;
    @Column(name = "review_level")
    public Integer reviewLevel;
    @Column(name = "review_levels_required")
    public int reviewLevelsRequired;
    @Column(name = "old_limit")
    public BigDecimal oldLimit;
    public BigDecimal drawn;
    @Column(name = "proposed_limit")
    public BigDecimal proposedLimit;
    @Column(name = "new_limit")
    public BigDecimal newLimit;
    public String reasons;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
