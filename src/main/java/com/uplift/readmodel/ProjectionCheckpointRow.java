package com.uplift.readmodel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Where one generation of a projection has read to; written in the same transaction as its rows. */
@Entity
@Table(name = "projection_checkpoints")
public class ProjectionCheckpointRow extends PanacheEntityBase {

    @Id
    public String id;
    public String projection;
    public int generation;
    @Column(name = "transaction_id")
    public long transactionId;
    public long position;
    @Column(name = "events_applied")
    public long eventsApplied;
    @Column(name = "last_recorded_at")
    public Instant lastRecordedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    static String key(String projection, int generation) {
        return projection + ":" + generation;
    }
}
