package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One early-warning flag, active or past. */
@Entity
@Table(name = "warning_view")
public class WarningRow extends PanacheEntityBase {

    @Id
    public String id;
    public int generation;
    @Column(name = "credit_line_id")
    public String creditLineId;
    public String flag;
    public String severity;
    public String detail;
    public boolean active;
    @Column(name = "raised_at")
    public Instant raisedAt;
    @Column(name = "cleared_at")
    public Instant clearedAt;
    @Column(name = "clear_detail")
    public String clearDetail;
}
