package com.uplift.api;

import com.uplift.application.CreditLineSnapshot;
import com.uplift.domain.creditline.CreditLineState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

@Schema(description = "A credit line as it stands at a stream version")
public record CreditLineView(String id, String borrowerId, String productCode, String currency, String segment,
                             BigDecimal limit, BigDecimal drawn, BigDecimal available, long version,
                             @Schema(description = "global position of the last event, for read-your-writes") String position) {

    static CreditLineView of(CreditLineSnapshot snapshot) {
        CreditLineState s = snapshot.state();
        return new CreditLineView(snapshot.creditLineId(), s.borrowerId(), s.productCode(), s.currency(), s.segment(),
                s.limit(), s.drawn(), s.available(), snapshot.version(), snapshot.checkpoint().toString());
    }
}
