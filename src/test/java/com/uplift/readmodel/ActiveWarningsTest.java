package com.uplift.readmodel;

import com.uplift.readmodel.ActiveWarnings.ActiveWarning;
import com.uplift.readmodel.ActiveWarnings.Board;
import com.uplift.readmodel.ActiveWarnings.Filter;
import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board of active warnings the console's warnings page reads, against lines this test makes: every active flag of
 * them is on it with its line's segment, grade and exposure, the filters keep exactly what they name, the counts per
 * severity grow by exactly this test's flags (the integration tests run one after another, so nothing else writes
 * meanwhile), and a flag cleared by an officer leaves the board.
 */
@QuarkusTest
@Tag("integration")
class ActiveWarningsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    @Inject
    ActiveWarnings activeWarnings;

    @Test
    void theBoardListsEveryActiveFlagWithItsLineFiltersExactlyAndCountsPerSeverity() {
        // a command on a line of its own, read by every projection: the board before is the board of everything earlier
        String marker = com.uplift.testing.Api.openLine("B-BOARD-MARKER", "1000");
        caughtUp(as("ops").body("{\"text\":\"called about the statement\"}")
                .post("/api/credit-lines/" + marker + "/service-notes").then().statusCode(200).extract().jsonPath()
                .getString("position"));
        Map<String, Long> before = board(Filter.ANY).bySeverity();

        String jobLoss = Borrowers.goodBorrower("B-BOARD-JOBLOSS", "30000.00", "30000.00");
        as("ops").body("{\"text\":\"客户表示最近失业，还款有困难\"}").post(jobLoss + "/service-notes").then().statusCode(200);
        String severe = as("ops").body("""
                        {"borrowerId":"B-BOARD-65DPD","productCode":"XM-CASH","initialLimit":30000.00,"currency":"CNY","openedOn":"%s","segment":"NEW_TO_CREDIT"}"""
                        .formatted(TODAY.minusMonths(6)))
                .post("/api/credit-lines").then().statusCode(201).extract().header("Location");
        as("ops").body("{\"amount\":12000.00}").post(severe + "/drawdowns").then().statusCode(200);
        caughtUp(as("ops").body("{\"daysPastDue\":65,\"asOf\":\"%s\"}".formatted(TODAY))
                .post(severe + "/delinquency-reports").then().statusCode(200).extract().jsonPath().getString("position"));

        JsonPath jobLossLine = line(jobLoss);
        JsonPath severeLine = line(severe);
        Board all = board(Filter.ANY);
        for (JsonPath line : List.of(jobLossLine, severeLine)) {
            List<ActiveWarning> listed = all.warnings().stream()
                    .filter(w -> w.creditLineId().equals(line.getString("id"))).toList();
            assertThat(listed).extracting(ActiveWarning::flag)
                    .containsExactlyInAnyOrderElementsOf(line.getList("activeWarnings.flag", String.class));
            assertThat(listed).allSatisfy(w -> {
                assertThat(w.segment()).isEqualTo(line.getString("segment"));
                assertThat(w.grade()).isEqualTo(line.getString("grade"));
                assertThat(w.limit()).isEqualByComparingTo(new BigDecimal(line.getString("limit")));
                assertThat(w.drawn()).isEqualByComparingTo(new BigDecimal(line.getString("drawn")));
            });
            for (ActiveWarning w : listed) {
                assertThat(w.severity()).as(w.flag())
                        .isEqualTo(line.getString("activeWarnings.find { it.flag == '" + w.flag() + "' }.severity"));
            }
        }
        // most serious first
        assertThat(all.warnings()).extracting(w -> ActiveWarnings.SEVERITIES.indexOf(w.severity())).isSorted();

        Map<String, Long> added = new HashMap<>();
        for (JsonPath line : List.of(jobLossLine, severeLine)) {
            line.getList("activeWarnings.severity", String.class).forEach(s -> added.merge(s, 1L, Long::sum));
        }
        assertThat(added.get("SEVERE")).isEqualTo(1L);
        for (String severity : ActiveWarnings.SEVERITIES) {
            assertThat(all.bySeverity().get(severity)).as(severity)
                    .isEqualTo(before.get(severity) + added.getOrDefault(severity, 0L));
        }
        assertThat(all.matching()).isEqualTo(all.bySeverity().values().stream().mapToLong(Long::longValue).sum());

        Board severeOnly = board(new Filter("SEVERE", null, null, null));
        assertThat(severeOnly.warnings()).extracting(ActiveWarning::severity).containsOnly("SEVERE");
        assertThat(severeOnly.warnings()).extracting(ActiveWarning::creditLineId).contains(severeLine.getString("id"));
        assertThat(severeOnly.matching()).isEqualTo(all.bySeverity().get("SEVERE"));
        assertThat(severeOnly.bySeverity()).isEqualTo(all.bySeverity());   // the counts ignore the severity chosen

        Board newToCredit = board(new Filter(null, null, "NEW_TO_CREDIT", null));
        assertThat(newToCredit.warnings()).extracting(ActiveWarning::segment).containsOnly("NEW_TO_CREDIT");
        assertThat(newToCredit.warnings()).extracting(ActiveWarning::creditLineId).contains(severeLine.getString("id"))
                .doesNotContain(jobLossLine.getString("id"));

        String grade = jobLossLine.getString("grade");
        Board jobLossInGrade = board(new Filter(null, "NOTE_JOB_LOSS", null, grade));
        assertThat(jobLossInGrade.warnings()).extracting(ActiveWarning::flag).containsOnly("NOTE_JOB_LOSS");
        assertThat(jobLossInGrade.warnings()).extracting(ActiveWarning::grade).containsOnly(grade);
        assertThat(jobLossInGrade.warnings()).extracting(ActiveWarning::creditLineId).contains(jobLossLine.getString("id"));
        assertThat(board(new Filter("WATCH", "NOTE_JOB_LOSS", null, null)).warnings()).isEmpty();

        // cleared by a senior officer: off the board, and one WARNING fewer
        caughtUp(as("senior1").body("{\"reason\":\"SITUATION_RESOLVED\",\"comment\":\"back at work, payslip seen\"}")
                .post(jobLoss + "/warnings/NOTE_JOB_LOSS/clearance").then().statusCode(200).extract().jsonPath()
                .getString("creditLine.position"));
        Board afterClearance = board(Filter.ANY);
        assertThat(afterClearance.warnings()).filteredOn(w -> w.creditLineId().equals(jobLossLine.getString("id")))
                .extracting(ActiveWarning::flag).doesNotContain("NOTE_JOB_LOSS");
        assertThat(afterClearance.bySeverity().get("WARNING")).isEqualTo(all.bySeverity().get("WARNING") - 1);
    }

    private Board board(Filter filter) {
        return activeWarnings.board(filter, 10_000).await().atMost(AT_MOST);
    }

    private static JsonPath line(String path) {
        return as("auditor").get(path).then().statusCode(200).extract().jsonPath();
    }

    /** Both projections the board reads have applied everything up to the position. */
    private static void caughtUp(String position) {
        assertThat(position).isNotNull();
        for (String query : Set.of("/api/warnings", "/api/credit-lines")) {
            as("officer1").get(query + "?minPosition=" + position).then().statusCode(200)
                    .header("X-Projection-Caught-Up", "true");
        }
    }
}
