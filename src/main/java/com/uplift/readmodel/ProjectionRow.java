package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A projection's live generation, the one being rebuilt beside it, and whether a failure stopped it. */
@Entity
@Table(name = "projections")
public class ProjectionRow extends PanacheEntityBase {

    @Id
    public String name;
    @Column(name = "live_generation")
    public int liveGeneration;
    @Column(name = "building_generation")
    public Integer buildingGeneration;
    public String state;
    public String error;
    @Column(name = "failed_position")
    public String failedPosition;
    @Column(name = "failed_generation")
    public Integer failedGeneration;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
