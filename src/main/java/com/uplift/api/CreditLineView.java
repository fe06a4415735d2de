package com.uplift.api;

import com.uplift.application.CreditLineSnapshot;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.creditline.Money;
import com.uplift.domain.policy.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Schema(description = "A credit line as it stands at a stream version")
public record CreditLineView(String id, String borrowerId, String productCode, String currency,
                             @Schema(nullable = true, description = "the line's tier (客户分层): the segment whose increase scheme applies; null or STANDARD for the base rules. From rules v5 it moves by the policy's tiering rules or by hand") String segment,
                             LocalDate openedOn,
                             @Schema(description = "OPEN; DRAWDOWNS_FROZEN while a SEVERE warning is active; WRITTEN_OFF once the line is written off (for good: it lends no more)") String status,
                             BigDecimal limit, BigDecimal drawn, BigDecimal available,
                             @Schema(description = "drawn / limit, 4 decimals") BigDecimal utilization,
                             @Schema(nullable = true, description = "null until the line's first assessment") Integer score,
                             @Schema(nullable = true) String grade, @Schema(nullable = true) BigDecimal aprPercent,
                             List<Warning> activeWarnings, List<String> pendingIncreaseRequests,
                             @Schema(nullable = true, description = "a limit decrease waiting for review (LD-<n>), rules v5")
                             String pendingDecrease,
                             @Schema(nullable = true, description = "until when a decrease declines increase requests, rules v5")
                             Instant increasesFrozenUntil,
                             long version,
                             @Schema(description = "global position of the last event (<transactionId>-<position>), for read-your-writes")
                             String position) {

    public record Warning(String flag, Severity severity, String detail, Instant raisedAt) {
    }

    public static CreditLineView of(CreditLineSnapshot snapshot) {
        CreditLineState s = snapshot.state();
        List<Warning> warnings = s.warnings().values().stream()
                .map(w -> new Warning(w.flag(), w.severity(), w.detail(), w.raisedAt())).toList();
        boolean frozen = warnings.stream().anyMatch(w -> w.severity() == Severity.SEVERE);
        List<String> pending = s.increases().requests().values().stream()
                .filter(r -> r.status() == IncreaseStatus.PENDING).map(CreditLineState.IncreaseRequest::requestId).toList();
        BigDecimal utilization = s.limit().signum() == 0 ? BigDecimal.ZERO.setScale(4)
                : s.drawn().divide(s.limit(), 4, RoundingMode.HALF_EVEN);
        return new CreditLineView(snapshot.creditLineId(), s.borrowerId(), s.productCode(), s.currency(), s.segment(),
                s.openedOn(), s.writeOff() != null ? "WRITTEN_OFF" : frozen ? "DRAWDOWNS_FROZEN" : "OPEN", Money.inCurrency(s.currency(), s.limit()),
                Money.inCurrency(s.currency(), s.drawn()), Money.inCurrency(s.currency(), s.available()), utilization,
                s.risk().score(), s.risk().grade(), s.risk().aprPercent(), warnings, pending,
                s.decreases().pending() == null ? null : s.decreases().pending().decreaseId(), s.increasesFrozenUntil(),
                snapshot.version(), snapshot.checkpoint().toString());
    }
}
