package com.uplift.audit.scorecard;

import com.uplift.audit.scorecard.DevelopmentReport.BandShare;
import com.uplift.audit.scorecard.DevelopmentReport.BinFit;
import com.uplift.audit.scorecard.DevelopmentReport.CalibrationBand;
import com.uplift.audit.scorecard.DevelopmentReport.CharacteristicFit;
import com.uplift.audit.scorecard.DevelopmentReport.CharacteristicStability;
import com.uplift.audit.scorecard.DevelopmentReport.Discrimination;
import com.uplift.audit.scorecard.DevelopmentReport.OddsAt;
import com.uplift.audit.scorecard.DevelopmentReport.SampleSummary;
import com.uplift.audit.scorecard.DevelopmentReport.Scaling;
import com.uplift.audit.scorecard.DevelopmentReport.Stability;
import com.uplift.audit.scorecard.DevelopmentReport.Validation;
import com.uplift.audit.scorecard.ScorecardEvent.ScorecardDeveloped;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.platform.StoredEventTypes;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Freezes the stored shape of a scorecard development (the report travels inside its event). */
class ScorecardEventShapesApprovalTest {

    static ScorecardDeveloped sample() {
        Discrimination holdout = new Discrimination(180, 46, d("0.789997"), d("0.579993"), d("0.459918"));
        DevelopmentReport report = new DevelopmentReport("6f1c0c2e-0000-4000-8000-000000000001", 1, 2,
                LocalDate.parse("2026-11-30"), "admin", DevelopmentSample.Settings.DEFAULT,
                new SampleSummary(660, 660, 600, 420, 180, 125, 46, d("0.285000"),
                        Map.of("ALREADY_BAD", 0L, "INCOMPLETE_INPUTS", 60L, "KNOCKED_OUT", 0L, "OUTCOME_WINDOW_TOO_SHORT", 0L)),
                List.of(new CharacteristicFit("UTILIZATION", "R03_UTILIZATION", null, d("0.200550"), d("-1.705338"),
                        List.of(new BinFit("BELOW_30", 90, 20, d("0.521000"), 25, 10))),
                        new CharacteristicFit("MONTHS_ON_BOOK", "R07_MONTHS_ON_BOOK", "INFORMATION_VALUE_BELOW_0.02",
                                d("0.002631"), d("0.000000"), List.of(new BinFit("24_PLUS", 173, 75, d("-0.030000"), 0, 10)))),
                d("-1.000000"),
                new Scaling(d("9.766431"), d("52.925307"), d("6.769574"), List.of(new OddsAt(70, d("5.744853"), d("0.148261")))),
                new Validation(new Discrimination(420, 125, d("0.878458"), d("0.756916"), d("0.600000")), holdout,
                        new Discrimination(180, 46, d("0.771484"), d("0.542968"), d("0.420000")),
                        List.of(new CalibrationBand("A", 85, 100, 34, 2, d("0.024601"), d("0.058824"))),
                        new Stability(600, 600, List.of(new BandShare(90, 100, d("0.110000"), d("0.196667"))), d("0.488258"), "SHIFTED"),
                        List.of(new CharacteristicStability("UTILIZATION", d("0.012000"), "STABLE"))));
        return new ScorecardDeveloped(report.developmentId(), 2, report, Instant.parse("2026-11-30T02:00:00Z"));
    }

    @Test
    void scorecardDeveloped() {
        Approvals.verify(CanonicalJson.pretty(sample()), new Options());
    }

    @Test
    void theStoredEventReadsBackAsWritten() {
        var registry = StoredEventTypes.registry();
        var serialized = registry.serialize(sample());
        assertThat(serialized.type()).isEqualTo("ScorecardDeveloped");
        assertThat(serialized.schemaVersion()).isEqualTo(1);
        assertThat(registry.deserialize(serialized.type(), 1, serialized.payload())).isEqualTo(sample());
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
