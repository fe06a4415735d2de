package com.uplift.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's own classes keep the architecture described in {@link ArchitectureRules}. Plain JUnit on compiled
 * classes: no Quarkus, no database. {@link ArchitectureSelfCheckTest} shows that each rule fails on a violation.
 */
class ArchitectureTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("com.uplift");

    private static JavaClasses service;

    @BeforeAll
    static void importTheService() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("com.uplift");
    }

    @Test
    void the_service_classes_are_found() {
        // a rule over nothing passes: make sure the import saw the service, every layer of it
        for (String layer : new String[]{"api", "audit", "application", "readmodel", "domain", "eventstore", "platform"}) {
            assertTrue(service.stream().anyMatch(c -> c.getPackageName().startsWith("com.uplift." + layer)),
                    "no class found in com.uplift." + layer);
        }
        assertTrue(service.size() > 150, "only " + service.size() + " classes imported");
    }

    @Test
    void the_layers_use_only_the_layers_below_them() {
        RULES.layers().check(service);
    }

    @Test
    void no_cycle_between_top_level_packages() {
        RULES.noCyclesBetweenTopLevelPackages().check(service);
    }

    @Test
    void no_cycle_between_domain_packages() {
        RULES.noCyclesInsideTheDomain().check(service);
    }

    @Test
    void only_the_decider_uses_the_credit_line_package() {
        RULES.onlyTheDeciderUsesTheCreditLinePackage().check(service);
    }

    @Test
    void the_domain_uses_no_framework() {
        RULES.domainUsesNoFramework().check(service);
    }

    @Test
    void the_domain_reads_no_hidden_input() {
        RULES.domainReadsNoHiddenInput().check(service);
    }

    @Test
    void the_event_store_knows_nothing_of_the_project() {
        RULES.eventStoreKnowsNothingOfTheProject().check(service);
    }
}
