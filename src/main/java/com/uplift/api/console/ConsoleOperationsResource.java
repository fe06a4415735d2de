package com.uplift.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.api.ReadModelResource;
import com.uplift.api.console.ConsoleOperationsViews.ExposureRow;
import com.uplift.api.console.ConsoleOperationsViews.Option;
import com.uplift.api.console.ConsoleOperationsViews.OptionGroup;
import com.uplift.api.console.ConsoleOperationsViews.OutcomeRow;
import com.uplift.api.console.ConsoleOperationsViews.Overdue;
import com.uplift.api.console.ConsoleOperationsViews.PortfolioPage;
import com.uplift.api.console.ConsoleOperationsViews.SeverityCount;
import com.uplift.api.console.ConsoleOperationsViews.WarningLine;
import com.uplift.api.console.ConsoleOperationsViews.WarningsPage;
import com.uplift.api.security.Roles;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.policy.GradeBand;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.WarningRule;
import com.uplift.readmodel.ActiveWarnings;
import com.uplift.readmodel.ActiveWarnings.Board;
import com.uplift.readmodel.ActiveWarnings.Filter;
import com.uplift.readmodel.ReadModelQueries.DecisionRates;
import com.uplift.readmodel.ReadModelQueries.Exposure;
import com.uplift.readmodel.ReadModelQueries.OverdueRate;
import com.uplift.readmodel.ReadModelQueries.PortfolioSummary;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The console's operations pages: the warning flags active across the book, and the portfolio in charts and tables.
 * Thin like {@link ConsoleResource}: the warnings come from the warnings read model ({@link ActiveWarnings}, the flags
 * the decider raised; no rule is evaluated here), the portfolio from the API's own summary, so the page and
 * {@code GET /api/portfolio/summary} cannot disagree. The filters offer what the policy in force defines.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleOperationsResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance warnings(WarningsPage page);

        static native TemplateInstance portfolio(PortfolioPage page);
    }

    /** Rows shown at most; the counts above the table are over every match. */
    static final int SHOWN = 500;
    /** What a filter value may look like (flags, segments, grades are upper-case codes); anything else is ignored. */
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,32}");

    private final ActiveWarnings activeWarnings;
    private final ReadModelResource readModels;
    private final PolicyCatalog policies;
    private final ConsoleFrame frame;
    private final ObjectMapper json;

    public ConsoleOperationsResource(ActiveWarnings activeWarnings, ReadModelResource readModels, PolicyCatalog policies,
                                     ConsoleFrame frame, ObjectMapper json) {
        this.activeWarnings = activeWarnings;
        this.readModels = readModels;
        this.policies = policies;
        this.frame = frame;
        this.json = json;
    }

    @GET
    @Path("/warnings")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR})
    public Uni<TemplateInstance> warnings(@QueryParam("severity") String severity, @QueryParam("flag") String flag,
                                          @QueryParam("segment") String segment, @QueryParam("grade") String grade) {
        Filter filter = new Filter(severity != null && ActiveWarnings.SEVERITIES.contains(severity) ? severity : null, code(flag),
                code(segment), code(grade));
        return Uni.combine().all().unis(activeWarnings.board(filter, SHOWN), policies.book()).asTuple()
                .map(both -> frame.page(Templates.warnings(warningsPage(filter, both.getItem1(), inForce(both.getItem2())))));
    }

    @GET
    @Path("/portfolio")
    @RolesAllowed({Roles.RISK_OFFICER, Roles.SENIOR_RISK_OFFICER, Roles.AUDITOR, Roles.ADMIN})
    public Uni<TemplateInstance> portfolio() {
        return readModels.portfolio().map(summary -> frame.page(Templates.portfolio(portfolioPage(summary))));
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return frame.signInFirst();
    }

    @ServerExceptionMapper
    public Response notForYourRole(ForbiddenException e) {
        return frame.notForYourRole();
    }

    // ---- warnings ----

    private WarningsPage warningsPage(Filter filter, Board board, Policy policy) {
        ConsoleMessages words = words();
        List<Option> severities = new ArrayList<>();
        severities.add(new Option("", words.anyValue(), filter.severity() == null));
        ActiveWarnings.SEVERITIES.forEach(s -> severities.add(new Option(s, s, s.equals(filter.severity()))));
        Map<String, List<Option>> byTrigger = new LinkedHashMap<>();
        for (WarningRule rule : policy == null ? List.<WarningRule>of() : policy.warnings()) {
            byTrigger.computeIfAbsent(rule.trigger().name(), t -> new ArrayList<>())
                    .add(new Option(rule.flag(), rule.flag() + " (" + rule.severity() + ")", rule.flag().equals(filter.flag())));
        }
        List<OptionGroup> rules = byTrigger.entrySet().stream().map(e -> new OptionGroup(e.getKey(), e.getValue())).toList();
        List<SeverityCount> counts = board.bySeverity().entrySet().stream()
                .map(e -> new SeverityCount(e.getKey(), e.getValue(),
                        warningsUrl(new Filter(e.getKey(), filter.flag(), filter.segment(), filter.grade())),
                        e.getKey().equals(filter.severity())))
                .toList();
        List<WarningLine> rows = board.warnings().stream()
                .map(w -> new WarningLine(w.severity(), w.flag(), orDash(w.detail()), frame.minutes(w.raisedAt()),
                        w.creditLineId(), "/console/line?id=" + w.creditLineId(), orDash(w.segment()), orDash(w.grade()),
                        frame.money(w.limit()), frame.money(w.drawn())))
                .toList();
        return new WarningsPage(frame.chrome(), severities, rules,
                options(words, segmentCodes(policy), filter.segment()), options(words, gradeCodes(policy), filter.grade()),
                counts, rows,
                board.matching(), !filter.equals(Filter.ANY));
    }

    /** The segments a filter offers: STANDARD and the policy's own (also the offers page's). */
    static TreeSet<String> segmentCodes(Policy policy) {
        TreeSet<String> segmentCodes = new TreeSet<>(List.of("STANDARD"));
        if (policy != null) {
            segmentCodes.addAll(policy.segments().keySet());
        }
        return segmentCodes;
    }

    /** The grades a filter offers: the policy's grade bands, best first. */
    static List<String> gradeCodes(Policy policy) {
        return policy == null ? List.of() : policy.grades().stream().map(GradeBand::grade).toList();
    }

    static List<Option> options(ConsoleMessages words, Iterable<String> codes, String selected) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", words.anyValue(), selected == null));
        codes.forEach(code -> options.add(new Option(code, code, code.equals(selected))));
        return options;
    }

    private static String warningsUrl(Filter filter) {
        StringBuilder url = new StringBuilder("/console/warnings?severity=").append(filter.severity());
        if (filter.flag() != null) {
            url.append("&flag=").append(filter.flag());
        }
        if (filter.segment() != null) {
            url.append("&segment=").append(filter.segment());
        }
        if (filter.grade() != null) {
            url.append("&grade=").append(filter.grade());
        }
        return url.toString();
    }

    static Policy inForce(PolicyBook book) {
        return book.activeVersion() == null ? null : book.versions().get(book.activeVersion()).policy();
    }

    static String code(String value) {
        return value != null && CODE.matcher(value).matches() ? value : null;
    }

    // ---- portfolio ----

    private PortfolioPage portfolioPage(PortfolioSummary summary) {
        ConsoleMessages words = words();
        ConsoleFormat format = frame.format();
        DecisionRates rates = summary.decisions();
        OverdueRate overdue = summary.overdue();
        OutcomeRow book = outcome(words.wholeBook(), rates, overdue, format);
        List<OutcomeRow> groups = summary.byPolicyGroup().stream()
                .map(g -> outcome(g.arm(), g.decisions(), g.overdue(), format)).toList();
        Overdue overdueView = new Overdue(overdue.activeLines(), overdue.overdueLines(), format.percent(overdue.byLinesPercent()),
                format.money(overdue.drawn()), format.money(overdue.overdueDrawn()), format.percent(overdue.byBalancePercent()),
                format.percent(summary.benchmarkOverduePercent()),
                summary.overdueVersusBenchmarkPoints().toPlainString(), summary.benchmarkSource());

        String overdueChart = chart(List.of(words.overdueByLines(), words.overdueByBalance()),
                List.of(series(words.thisBook(), List.of(overdue.byLinesPercent(), overdue.byBalancePercent()))),
                summary.benchmarkOverduePercent(), words.benchmark());
        String decisionChart = chart(List.of(words.approvalRate(), words.declineRate(), words.referralRate()),
                List.of(series(words.wholeBook(), List.of(rates.approvalRate(), rates.declineRate(), rates.referralRate()))),
                null, null);
        String groupChart = chart(summary.byPolicyGroup().stream().map(g -> g.arm()).toList(), List.of(
                series(words.approvalRate(), summary.byPolicyGroup().stream().map(g -> g.decisions().approvalRate()).toList()),
                series(words.declineRate(), summary.byPolicyGroup().stream().map(g -> g.decisions().declineRate()).toList()),
                series(words.referralRate(), summary.byPolicyGroup().stream().map(g -> g.decisions().referralRate()).toList()),
                series(words.overdueByLines(), summary.byPolicyGroup().stream().map(g -> g.overdue().byLinesPercent()).toList())),
                summary.benchmarkOverduePercent(), words.benchmark());
        return new PortfolioPage(frame.chrome(), format.minutes(summary.asOf()), summary.lines(),
                format.money(summary.totalLimit()), format.money(summary.totalDrawn()),
                exposures(summary.byGrade(), format), exposureChart(summary.byGrade(), words),
                exposures(summary.bySegment(), format), exposureChart(summary.bySegment(), words),
                book, decisionChart, overdueView, overdueChart, groups, groupChart);
    }

    private static OutcomeRow outcome(String group, DecisionRates rates, OverdueRate overdue, ConsoleFormat format) {
        return new OutcomeRow(group, rates.requests(), format.percent(rates.approvalRate()),
                format.percent(rates.declineRate()), format.percent(rates.referralRate()), rates.pending(),
                format.money(rates.averageIncrease()), overdue.activeLines(), overdue.overdueLines(),
                format.percent(overdue.byLinesPercent()), format.percent(overdue.byBalancePercent()));
    }

    private static List<ExposureRow> exposures(List<Exposure> exposures, ConsoleFormat format) {
        return exposures.stream().map(e -> new ExposureRow(e.key(), e.lines(), format.money(e.limit()), format.money(e.drawn())))
                .toList();
    }

    private String exposureChart(List<Exposure> exposures, ConsoleMessages words) {
        return chart(exposures.stream().map(Exposure::key).toList(), List.of(
                series(words.limit(), exposures.stream().map(Exposure::limit).toList()),
                series(words.drawn(), exposures.stream().map(Exposure::drawn).toList())), null, null);
    }

    private record Series(String name, List<BigDecimal> values) {
    }

    private static Series series(String name, List<BigDecimal> values) {
        return new Series(name, values);
    }

    /** A bar chart's numbers for console-ops.js: categories, one series per bar colour, an optional benchmark line. */
    private String chart(List<String> categories, List<Series> series, BigDecimal benchmark, String benchmarkName) {
        ObjectNode chart = json.createObjectNode();
        chart.set("categories", json.valueToTree(categories));
        ArrayNode all = chart.putArray("series");
        series.forEach(s -> all.addObject().put("name", s.name()).set("values", json.valueToTree(s.values())));
        if (benchmark != null) {
            chart.putObject("benchmark").put("name", benchmarkName).put("value", benchmark);
        }
        try {
            return json.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart numbers that cannot be written as JSON", e);
        }
    }

    /** The words of the reader's language, for what Java writes (chart series, "any"). */
    private ConsoleMessages words() {
        return frame.words();
    }

    private static String orDash(String value) {
        return value == null ? "–" : value;
    }
}
