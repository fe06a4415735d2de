package com.uplift.api.console;

import com.uplift.api.console.ConsoleViews.Chrome;
import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the warnings and portfolio pages show, already in the reader's language and formats. */
final class ConsoleOperationsViews {

    private ConsoleOperationsViews() {
    }

    @TemplateData
    record Option(String value, String label, boolean selected) {
    }

    /** The warning rules of one trigger (days past due, a text signal...), for the rule filter. */
    @TemplateData
    record OptionGroup(String label, List<Option> options) {
    }

    @TemplateData
    record SeverityCount(String severity, long count, String url, boolean selected) {
    }

    @TemplateData
    record WarningLine(String severity, String flag, String detail, String raisedAt, String lineId, String lineUrl,
                       String segment, String grade, String limit, String drawn) {
    }

    @TemplateData
    record WarningsPage(Chrome chrome, List<Option> severities, List<OptionGroup> rules, List<Option> segments,
                        List<Option> grades, List<SeverityCount> counts, List<WarningLine> rows, long matching,
                        boolean filtered) {
    }

    @TemplateData
    record ExposureRow(String key, long lines, String limit, String drawn) {
    }

    /** Increase decisions and the overdue rate of one group of lines: the whole book, or a policy arm. */
    @TemplateData
    record OutcomeRow(String group, long requests, String approvalRate, String declineRate, String referralRate,
                      long pending, String averageIncrease, long activeLines, long overdueLines, String overdueByLines,
                      String overdueByBalance) {
    }

    @TemplateData
    record Overdue(long activeLines, long overdueLines, String byLines, String drawn, String overdueDrawn,
                   String byBalance, String benchmark, String versusBenchmark, String benchmarkSource) {
    }

    /** Each chart's numbers as JSON for the chart script; the table beside it carries the same numbers. */
    @TemplateData
    record PortfolioPage(Chrome chrome, String asOf, long lines, String totalLimit, String totalDrawn,
                         List<ExposureRow> byGrade, String gradeChart, List<ExposureRow> bySegment, String segmentChart,
                         OutcomeRow decisions, String decisionChart, Overdue overdue, String overdueChart,
                         List<OutcomeRow> groups, String groupChart) {
    }
}
