package com.uplift.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.uplift.architecture.planted.api.Resource;
import com.uplift.architecture.planted.application.RegistryThatNamesAuditEvents;
import com.uplift.architecture.planted.application.Service;
import com.uplift.architecture.planted.application.ServiceThatUsesTheWiring;
import com.uplift.architecture.planted.audit.AuditThatCallsTheApi;
import com.uplift.architecture.planted.audit.Auditor;
import com.uplift.architecture.planted.domain.Refusal;
import com.uplift.architecture.planted.domain.RefusalThatNamesARule;
import com.uplift.architecture.planted.domain.creditline.Decider;
import com.uplift.architecture.planted.domain.creditline.DeciderThatAppendsToTheStore;
import com.uplift.architecture.planted.domain.governance.BookThatBorrowsFromTheDecider;
import com.uplift.architecture.planted.domain.history.Facts;
import com.uplift.architecture.planted.domain.history.FactsThatAskARule;
import com.uplift.architecture.planted.domain.risk.Rule;
import com.uplift.architecture.planted.domain.risk.RuleOnFrameworks;
import com.uplift.architecture.planted.domain.risk.RuleWithHiddenInputs;
import com.uplift.architecture.planted.eventstore.Store;
import com.uplift.architecture.planted.eventstore.StoreThatKnowsCreditLines;
import com.uplift.architecture.planted.integration.Publisher;
import com.uplift.architecture.planted.outside.ClassOutsideEveryLayer;
import com.uplift.architecture.planted.platform.Wiring;
import com.uplift.architecture.planted.readmodel.ProjectionThatCallsTheApplication;
import com.uplift.architecture.planted.readmodel.Query;
import com.uplift.architecture.planted.servicingfeed.Feed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each architecture rule can fail: run on the planted code base ({@code com.uplift.architecture.planted}, Uplift's
 * layout in miniature), it passes on the clean classes and reports the one class planted to break it, and only that
 * class. A rule that passed here on a violation would pass on the service too, whatever the service did.
 */
class ArchitectureSelfCheckTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("com.uplift.architecture.planted");

    /** One class per layer and per domain package, every arrow between them allowed. */
    private static final List<Class<?>> CLEAN = List.of(Wiring.class, Resource.class, Publisher.class, Auditor.class,
            Service.class, Query.class, Store.class, Refusal.class, Decider.class, Rule.class, Facts.class, Feed.class);

    private static JavaClasses plantedCode;

    /**
     * Imported once (an import resolves the classpath and takes seconds); each test evaluates a selection of it. That
     * is as good as importing the selection alone: the rules judge a class by what it uses, and no clean class uses a
     * planted violation.
     */
    @BeforeAll
    static void importThePlantedCode() {
        plantedCode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("com.uplift.architecture.planted");
    }

    @Test
    void the_clean_planted_code_keeps_every_rule() {
        for (ArchRule rule : RULES.all()) {
            assertEquals(List.of(), violations(rule), rule.getDescription());
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {StoreThatKnowsCreditLines.class, DeciderThatAppendsToTheStore.class,
            ProjectionThatCallsTheApplication.class, RegistryThatNamesAuditEvents.class, AuditThatCallsTheApi.class,
            ServiceThatUsesTheWiring.class, ClassOutsideEveryLayer.class})
    void the_layer_rule_fails_on_each_forbidden_arrow(Class<?> planted) {
        assertReportsOnly(RULES.layers(), planted);
    }

    @Test
    void the_cycle_rule_fails_on_a_cycle_between_top_level_packages() {
        List<String> cycles = assertReportsOnly(RULES.noCyclesBetweenTopLevelPackages(), RegistryThatNamesAuditEvents.class);
        assertEquals(1, cycles.size(), cycles::toString);
        assertTrue(cycles.get(0).replaceAll("\\s+", " ").contains("Slice application -> Slice audit -> Slice application"),
                cycles.get(0));
    }

    @ParameterizedTest
    @ValueSource(classes = {FactsThatAskARule.class, RefusalThatNamesARule.class})
    void the_domain_cycle_rule_fails_on_a_cycle_between_domain_packages(Class<?> planted) {
        List<String> cycles = assertReportsOnly(RULES.noCyclesInsideTheDomain(), planted);
        assertEquals(1, cycles.size(), cycles::toString);
        assertTrue(cycles.get(0).startsWith("Cycle detected"), cycles.get(0));
    }

    @Test
    void the_decider_rule_fails_when_another_domain_package_uses_the_credit_line_package() {
        assertReportsOnly(RULES.onlyTheDeciderUsesTheCreditLinePackage(), BookThatBorrowsFromTheDecider.class);
    }

    @Test
    void the_framework_rule_reports_every_framework() {
        assertEveryMethodReported(RULES.domainUsesNoFramework(), RuleOnFrameworks.class);
    }

    @Test
    void the_hidden_input_rule_reports_every_hidden_input() {
        assertEveryMethodReported(RULES.domainReadsNoHiddenInput(), RuleWithHiddenInputs.class);
    }

    @Test
    void the_event_store_rule_fails_when_the_store_uses_the_project() {
        assertReportsOnly(RULES.eventStoreKnowsNothingOfTheProject(), StoreThatKnowsCreditLines.class);
    }

    /** The rule's violations on the clean classes and the given planted ones; empty when it holds. */
    private static List<String> violations(ArchRule rule, Class<?>... planted) {
        Set<String> names = new HashSet<>();
        CLEAN.forEach(c -> names.add(c.getName()));
        Arrays.stream(planted).forEach(c -> names.add(c.getName()));
        JavaClasses selection = plantedCode.that(DescribedPredicate.describe("clean or planted",
                (JavaClass c) -> names.contains(c.getName())));
        assertEquals(names.size(), selection.size(), "planted classes not found: " + names);
        return rule.evaluate(selection).getFailureReport().getDetails();
    }

    private static List<String> assertReportsOnly(ArchRule rule, Class<?> planted) {
        List<String> found = violations(rule, planted);
        assertFalse(found.isEmpty(), () -> "'" + rule.getDescription() + "' passed with " + planted.getSimpleName());
        for (String violation : found) {
            assertTrue(violation.contains(planted.getName()), () -> "not about " + planted.getSimpleName() + ": " + violation);
        }
        return found;
    }

    /** Each method of the planted class uses one forbidden thing: each must be named by a violation. */
    private static void assertEveryMethodReported(ArchRule rule, Class<?> planted) {
        List<String> found = assertReportsOnly(rule, planted);
        List<Method> methods = Arrays.stream(planted.getDeclaredMethods()).filter(m -> !m.isSynthetic()).toList();
        assertTrue(methods.size() > 5, "expected one method per forbidden use in " + planted.getSimpleName());
        for (Method method : methods) {
            String name = planted.getName() + "." + method.getName() + "()";
            assertTrue(found.stream().anyMatch(v -> v.contains(name)), () -> "not reported: " + name + " in " + found);
        }
    }
}
