package com.uplift.readmodel;

import com.uplift.domain.creditline.OfferStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Operations' list of offers (提额名单), from the offers read model's live generation. EXPIRED is derived here: a LIVE
 * offer whose expiry date is before today's business date, so no event is needed for the passing of a date.
 */
@ApplicationScoped
public class OfferQueries {

    private static final String LIVE = "(select p.liveGeneration from ProjectionRow p where p.name = :projection)";

    private final Clock clock;
    private final ZoneId businessZone;

    public OfferQueries(Clock clock,
                        @ConfigProperty(name = "uplift.business-zone", defaultValue = "Asia/Shanghai") ZoneId businessZone) {
        this.clock = clock;
        this.businessZone = businessZone;
    }

    public record OfferItem(String offerId, String creditLineId, String status, String segment, String strategyArm,
                            String grade, int score, BigDecimal aprPercent, BigDecimal oldLimit, BigDecimal offeredLimit,
                            LocalDate businessDate, LocalDate expiresOn, List<String> reasons,
                            List<String> withdrawalReasons, String requestId, Boolean honoured, String scanRunId,
                            int policyVersion, Instant offeredAt, Instant closedAt) {
    }

    /** @param status LIVE, EXPIRED, WITHDRAWN or ACCEPTED; null: all */
    public Uni<ReadModelQueries.PageOf<OfferItem>> offers(OfferStatus status, String segment, String grade, int page, int size) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), businessZone);
        StringBuilder where = new StringBuilder("generation = " + LIVE);
        Parameters params = Parameters.with("projection", OffersProjection.NAME);
        if (status == OfferStatus.LIVE || status == OfferStatus.EXPIRED) {
            where.append(" and status = 'LIVE' and expiresOn ").append(status == OfferStatus.LIVE ? ">=" : "<").append(" :today");
            params.and("today", today);
        } else if (status != null) {
            where.append(" and status = :status");
            params.and("status", status.name());
        }
        if (segment != null) {
            where.append(" and segment = :segment");
            params.and("segment", segment);
        }
        if (grade != null) {
            where.append(" and grade = :grade");
            params.and("grade", grade);
        }
        return Panache.withSession(() -> {
            var query = OfferRow.<OfferRow>find(where.toString(), Sort.descending("offeredAt").and("id"), params);
            return query.page(PageBeyondReach.of(page, size)).list().chain(rows -> query.count().map(total ->
                    new ReadModelQueries.PageOf<>(rows.stream().map(r -> item(r, today)).toList(), page, size, total)));
        });
    }

    private static OfferItem item(OfferRow r, LocalDate today) {
        String status = OfferStatus.LIVE.name().equals(r.status) && today.isAfter(r.expiresOn) ? OfferStatus.EXPIRED.name() : r.status;
        return new OfferItem(r.offerId, r.creditLineId, status, r.segment, r.strategyArm, r.grade, r.score, r.aprPercent,
                r.oldLimit, r.offeredLimit, r.businessDate, r.expiresOn, codes(r.reasons), codes(r.withdrawalReasons),
                r.requestId, r.honoured, r.scanRunId, r.policyVersion, r.offeredAt, r.closedAt);
    }

    private static List<String> codes(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
