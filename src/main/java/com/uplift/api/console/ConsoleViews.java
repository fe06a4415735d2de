package com.uplift.api.console;

import com.uplift.api.Problem;
import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the console's templates show, already in the reader's language and formats (ConsoleFormat): the templates
 * only lay it out. Built by {@link ConsolePageBuilder} from the API's own answers.
 */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** The frame of every signed-in page: who, in which language, and (URL-encoded) where the language switch returns to. */
    @TemplateData
    public record Chrome(String user, String lang, String back, boolean reviewer, boolean lineReader) {
    }

    @TemplateData
    record LoginPage(boolean failed, String lang, String back) {
    }

    @TemplateData
    record HomePage(Chrome chrome) {
    }

    @TemplateData
    record MessagePage(Chrome chrome, String kind) {
    }

    @TemplateData
    record QueuePage(Chrome chrome, List<QueueRow> rows) {
    }

    @TemplateData
    record QueueRow(String requestId, String decreaseId, boolean decrease, String lineId, int level, long hours,
                    long minutes, String referredAt,
                    String grade, String score, String oldLimit, String proposedLimit, String reasons, String channel,
                    String dueBy,
                    String caseUrl) {
    }

    @TemplateData
    record LineFacts(String id, String borrower, String product, String segment, String openedOn, String status,
                     String limit, String drawn, String available, String grade, String score, String apr,
                     List<WarningRow> warnings, long version) {
    }

    @TemplateData
    record WarningRow(String flag, String severity, String detail, String raisedAt) {
    }

    @TemplateData
    record ScoreRow(String characteristic, String value, String bin, int points, int maxPoints) {
    }

    @TemplateData
    record ReasonRow(String code, String text) {
    }

    @TemplateData
    record RuleRow(String rule, String status, boolean passed, String effect, String detail) {
    }

    @TemplateData
    record DataRow(String input, String problem, String ageDays, String detail) {
    }

    @TemplateData
    record InputRow(String input, String reference, String asOf, String ageDays, String status) {
    }

    @TemplateData
    record ReviewRow(int level, String reviewer, String outcome, String approvedLimit, String comment, String when,
                     String statusAfter) {
    }

    @TemplateData
    record CasePage(Chrome chrome, String lineId, String requestId, String status, String requestedBy,
                    String decidedAt, int levelsRequired, LineFacts line, int score, int points, String grade,
                    List<ScoreRow> scorecard, String chartData, List<ReasonRow> reasons, List<RuleRow> rules,
                    List<DataRow> dataQuality, List<InputRow> inputs, String proposedLimit, String boundBy,
                    List<ReviewRow> reviews, Integer nextLevel, String proposedLimitInput, List<String> overrideReasons,
                    String reviewed, Problem refusal) {
    }

    @TemplateData
    record EventRow(long version, String when, String type, String actor, String channel, boolean afterAsOf) {
    }

    @TemplateData
    record DecisionRow(String requestId, String when, String outcome, String status, String oldLimit,
                       String proposedLimit, String newLimit, String score, String grade, String reasons,
                       String caseUrl) {
    }

    @TemplateData
    record LinePage(Chrome chrome, String lineId, String asOfInput, String asOfShown, LineFacts line,
                    List<EventRow> events, List<DecisionRow> decisions, List<DecreaseRow> decreases,
                    String decreaseReviewed, Problem refusal) {
    }

    /**
     * A limit decrease (降额) on the line page: its triggers and customer reasons, its reviews, and the level due next
     * while it is PENDING ({@code nextLevel} null otherwise, or when the reader reviews nothing).
     */
    record DecreaseRow(String decreaseId, String outcome, String status, String oldLimit, String drawn,
                       String proposedLimit, String proposedLimitInput, String newLimit, int levelsRequired,
                       List<String> triggers, List<ReasonRow> reasons, List<ReviewRow> reviews, String decidedAt,
                       Integer nextLevel) {
    }
}
