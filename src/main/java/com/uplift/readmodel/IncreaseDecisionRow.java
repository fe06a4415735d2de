package com.uplift.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One limit-increase request: the review queue while it is pending, the portfolio's decision rates always. */
@Entity
@Table(name = "increase_decision_view")
public class IncreaseDecisionRow extends DecisionRow {

    @Column(name = "request_id")
    public String requestId;
    public String segment;
    public String grade;
    public Integer score;
    @Column(name = "strategy_arm")
    public String strategyArm;
    @Column(name = "requested_by")
    public String requestedBy;
    public String channel;
    public String explanation;
}
