package com.uplift.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.api.CreditLineView;
import com.uplift.api.DecisionRecord;
import com.uplift.api.DecreaseRecord;
import com.uplift.api.EventView;
import com.uplift.api.Problem;
import com.uplift.api.ReasonTexts;
import com.uplift.api.console.ConsoleViews.CasePage;
import com.uplift.api.console.ConsoleViews.Chrome;
import com.uplift.api.console.ConsoleViews.DataRow;
import com.uplift.api.console.ConsoleViews.DecisionRow;
import com.uplift.api.console.ConsoleViews.DecreaseRow;
import com.uplift.api.console.ConsoleViews.EventRow;
import com.uplift.api.console.ConsoleViews.InputRow;
import com.uplift.api.console.ConsoleViews.LineFacts;
import com.uplift.api.console.ConsoleViews.QueueRow;
import com.uplift.api.console.ConsoleViews.ReasonRow;
import com.uplift.api.console.ConsoleViews.ReviewRow;
import com.uplift.api.console.ConsoleViews.RuleRow;
import com.uplift.api.console.ConsoleViews.ScoreRow;
import com.uplift.api.console.ConsoleViews.WarningRow;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.IncreaseStatus;
import com.uplift.domain.decrease.DecreaseStatus;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.domain.increase.RuleStatus;
import com.uplift.domain.risk.CharacteristicScore;
import com.uplift.readmodel.ReadModelQueries.QueueItem;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the API's answers (queue items, a decision's record, a line's state and events) into the console's views, in
 * the reader's language and formats. Nothing is decided here: every number comes from the recorded decision.
 */
final class ConsolePages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleFormat format;

    ConsolePages(ConsoleFormat format) {
        this.format = format;
    }

    ConsoleFormat format() {
        return format;
    }

    static String caseUrl(String lineId, String requestId) {
        return "/console/case?line=" + lineId + "&request=" + requestId;
    }

    /** A decrease is reviewed on its line's page, at its own card there. */
    static String decreaseUrl(String lineId, String decreaseId) {
        return "/console/line?id=" + lineId + "#decrease-" + decreaseId;
    }

    QueueRow queueRow(QueueItem item) {
        boolean decrease = QueueItem.DECREASE.equals(item.kind());
        return new QueueRow(item.requestId(), item.decreaseId(), decrease, item.creditLineId(), item.level(),
                item.ageSeconds() / 3600, item.ageSeconds() % 3600 / 60, format.minutes(item.referredAt()),
                orDash(item.grade()), orDash(item.score()), format.money(item.oldLimit()),
                format.money(item.proposedLimit()), String.join(", ", item.reasons()), orDash(item.channel()),
                item.reviewDueBy() == null ? "–" : format.minutes(item.reviewDueBy()),
                decrease ? decreaseUrl(item.creditLineId(), item.decreaseId()) : caseUrl(item.creditLineId(), item.requestId()));
    }

    LineFacts line(CreditLineView line) {
        List<WarningRow> warnings = line.activeWarnings().stream()
                .map(w -> new WarningRow(w.flag(), w.severity().name(), w.detail(), format.minutes(w.raisedAt())))
                .toList();
        return new LineFacts(line.id(), line.borrowerId(), line.productCode(), orDash(line.segment()),
                line.openedOn() == null ? "–" : line.openedOn().toString(), line.status(),
                format.money(line.limit(), line.currency()), format.money(line.drawn(), line.currency()),
                format.money(line.available(), line.currency()), orDash(line.grade()), orDash(line.score()),
                format.percent(line.aprPercent()), warnings, line.version());
    }

    CasePage casePage(Chrome chrome, String lineId, DecisionRecord record, CreditLineView lineNow, String reviewed,
                      Problem refusal) {
        IncreaseDecided decision = record.decision();
        var assessment = decision.assessment();
        List<ScoreRow> scorecard = assessment.breakdown().stream().map(this::scoreRow).toList();
        List<ReasonRow> reasons = ReasonTexts.texts(decision.reasons(), format.locale()).stream()
                .map(r -> new ReasonRow(r.code(), r.text())).toList();
        List<RuleRow> rules = decision.rules().stream()
                .map(r -> new RuleRow(r.rule(), r.status().name(), r.status() == RuleStatus.PASS,
                        r.effect() == null ? "–" : r.effect().name(), orDash(r.detail())))
                .toList();
        List<DataRow> dataQuality = assessment.dataQuality().stream()
                .map(d -> new DataRow(d.input(), d.problem().name(), orDash(d.ageDays()), orDash(d.detail()))).toList();
        List<InputRow> inputs = assessment.inputs().stream()
                .map(i -> new InputRow(i.input(), orDash(i.reference()), i.asOf() == null ? "–" : i.asOf().toString(),
                        orDash(i.ageDays()), orDash(i.status())))
                .toList();
        List<ReviewRow> reviews = record.reviews().stream().map(this::reviewRow).toList();
        Integer nextLevel = record.status() != IncreaseStatus.PENDING ? null
                : record.reviews().isEmpty() ? Integer.valueOf(1) : record.reviews().getLast().nextLevel();
        BigDecimal proposed = decision.proposedLimit();
        return new CasePage(chrome, lineId, record.requestId(), record.status().name(), decision.requestedBy(),
                format.minutes(decision.occurredAt()), decision.reviewLevelsRequired(), line(lineNow),
                assessment.score(), assessment.pointsTotal(), orDash(assessment.grade()), scorecard, chartData(scorecard),
                reasons, rules, dataQuality, inputs, format.money(proposed),
                decision.sizing() == null ? "–" : orDash(decision.sizing().boundBy()), reviews, nextLevel,
                proposed == null ? "" : proposed.toPlainString(),
                Arrays.stream(OverrideReason.values()).map(Enum::name).toList(), reviewed, refusal);
    }

    private ScoreRow scoreRow(CharacteristicScore c) {
        return new ScoreRow(c.characteristic(), c.value() == null ? "–" : c.value().stripTrailingZeros().toPlainString(),
                orDash(c.bin()), c.points(), c.maxPoints());
    }

    private ReviewRow reviewRow(IncreaseReviewed r) {
        return new ReviewRow(r.level(), r.reviewer(), r.outcome().name(), format.money(r.approvedLimit()), r.comment(),
                format.minutes(r.occurredAt()), r.statusAfter().name());
    }

    /** The scorecard for the chart script, as JSON in a data attribute (the table under it carries the same). */
    private static String chartData(List<ScoreRow> scorecard) {
        try {
            return JSON.writeValueAsString(scorecard.stream()
                    .map(s -> Map.of("name", s.characteristic(), "points", s.points(), "max", s.maxPoints())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scorecard that cannot be written as JSON", e);
        }
    }

    List<EventRow> events(List<EventView> events, Instant asOf) {
        return events.stream()
                .map(e -> new EventRow(e.version(), format.seconds(e.recordedAt()), e.type(),
                        e.metadata() == null ? "–" : e.metadata().actor(),
                        e.metadata() == null ? "–" : e.metadata().channel(),
                        asOf != null && e.recordedAt().isAfter(asOf)))
                .toList();
    }

    List<DecisionRow> decisions(String lineId, List<DecisionRecord> records, boolean reviewer) {
        return records.stream().map(r -> {
            IncreaseDecided d = r.decision();
            return new DecisionRow(r.requestId(), format.minutes(d.occurredAt()), d.outcome().name(), r.status().name(),
                    format.money(d.oldLimit()), format.money(d.proposedLimit()), format.money(d.newLimit()),
                    orDash(d.assessment().score()), orDash(d.assessment().grade()), String.join(", ", d.reasons()),
                    reviewer ? caseUrl(lineId, r.requestId()) : null);
        }).toList();
    }

    /** The line's decreases as the API lists them; a reviewer sees the level due next on a PENDING one. */
    List<DecreaseRow> decreases(List<DecreaseRecord> records, boolean reviewer) {
        return records.stream().map(d -> new DecreaseRow(d.decreaseId(), d.outcome().name(), d.status().name(),
                format.money(d.oldLimit()), format.money(d.drawn()), format.money(d.proposedLimit()),
                d.proposedLimit() == null ? "" : d.proposedLimit().toPlainString(), format.money(d.newLimit()),
                d.reviewLevelsRequired(),
                d.triggers().stream().map(t -> t.trigger() + ": " + t.measured()).toList(),
                d.reasonTexts().stream().map(r -> new ReasonRow(r.code(), r.text())).toList(),
                d.reviews().stream().map(r -> new ReviewRow(r.level(), r.reviewer(), r.outcome(),
                        format.money(r.approvedLimit()), r.comment(), format.minutes(r.reviewedAt()),
                        r.statusAfter().name())).toList(),
                format.minutes(d.decidedAt()),
                // levels are reviewed in order, one review each: the next is the one after the last recorded
                reviewer && d.status() == DecreaseStatus.PENDING ? Integer.valueOf(d.reviews().size() + 1) : null)).toList();
    }

    private static String orDash(Object value) {
        return value == null ? "–" : value.toString();
    }
}
