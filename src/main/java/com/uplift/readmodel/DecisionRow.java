package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What an increase request and a limit decrease have in common as rows of their decision views: a limit decided on
 * one line, pending at a review level until its last review concludes it. The review queue reads both kinds by these
 * columns; each view adds what only its kind has.
 */
@MappedSuperclass
public abstract class DecisionRow extends PanacheEntityBase {

    /** The status while a review level is due. */
    public static final String PENDING = "PENDING";

    @Id
    public String id;
    public int generation;
    @Column(name = "credit_line_id")
    public String creditLineId;
    @Column(name = "policy_version")
    public int policyVersion;
    public String outcome;
    public String status;
    /** The level that must review next while PENDING; null once concluded. */
    @Column(name = "review_level")
    public Integer reviewLevel;
    @Column(name = "old_limit")
    public BigDecimal oldLimit;
    @Column(name = "proposed_limit")
    public BigDecimal proposedLimit;
    @Column(name = "new_limit")
    public BigDecimal newLimit;
    public String reasons;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * A review recorded: the status after it, the next level while still pending, and the limit it applied (null when
     * it applied none, which keeps the new limit as it was).
     */
    void reviewed(String statusAfter, Integer nextLevel, BigDecimal appliedLimit, Instant recordedAt) {
        status = statusAfter;
        reviewLevel = PENDING.equals(statusAfter) ? nextLevel : null;
        if (appliedLimit != null) {
            newLimit = appliedLimit;
        }
        updatedAt = recordedAt;
    }
}
