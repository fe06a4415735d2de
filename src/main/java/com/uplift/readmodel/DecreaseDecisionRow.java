package com.uplift.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** One limit decrease decision: the review queue while a referred one is pending. */
@Entity
@Table(name = "decrease_decision_view")
public class DecreaseDecisionRow extends DecisionRow {

    @Column(name = "decrease_id")
    public String decreaseId;
    @Column(name = "review_levels_required")
    public int reviewLevelsRequired;
    public BigDecimal drawn;
}
