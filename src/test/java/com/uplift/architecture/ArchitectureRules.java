package com.uplift.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture of Uplift as rules on compiled classes: every reference counts (a fully qualified name, a
 * field type, a lambda, a call), not only the import lines.
 * <p>
 * The layers and the only arrows allowed between them ({@code A -> B}: classes in A may use classes in B):
 * <pre>
 *   platform    -> everything      wiring (CDI producers, configuration, stored event types); nothing uses it
 *   servicingfeed -> api, application, readmodel, domain, eventstore   servicing facts from Kafka: the same command
 *                                  path as REST, dead letters and their admin endpoints; nothing uses it
 *   api         -> audit, application, readmodel, domain, eventstore   (api.security is part of api)
 *   integration -> application, readmodel, domain, eventstore   Kafka: credit-line events out (a projection)
 *   audit       -> application, readmodel, domain, eventstore
 *   application -> readmodel, domain, eventstore
 *   readmodel   -> domain, eventstore
 *   domain      -> nothing of the project
 *   eventstore  -> nothing of the project: it stores streams and knows nothing of credit lines
 * </pre>
 * Every class of the project lives in one of these layers, so a new top-level package has to be placed here first.
 * No top-level package and no domain sub-package take part in a cycle. Inside the domain, the credit line's decider
 * ({@code domain.creditline}) uses the rules ({@code risk}, {@code increase}, {@code warning}, {@code pricing},
 * {@code signals}, {@code policy}) and the values they read ({@code history}); no other domain package uses it.
 * The domain is pure: no framework, persistence or JSON library, and no hidden input (clock, randomness, random ids,
 * environment), because a decision that reads one replays "successfully" with a different answer.
 * <p>
 * The rules are built for a root package, so the self-check can run the very same rules on a small planted code base
 * with the same layout ({@code com.uplift.architecture.planted}).
 */
final class ArchitectureRules {

    /** Packages the domain may not depend on: frameworks, persistence, HTTP, reactive runtimes and JSON mapping. */
    private static final Set<String> FRAMEWORK_PACKAGES = Set.of("io.quarkus..", "jakarta..", "javax..", "io.vertx..",
            "io.smallrye..", "java.sql..", "org.hibernate..", "com.fasterxml..");

    /** System methods that read the environment or the clock. */
    private static final Set<String> SYSTEM_INPUTS = Set.of("getenv", "getProperty", "currentTimeMillis", "nanoTime");

    /**
     * {@code now(..)} of any java.time type, {@code Math.random()}, {@code UUID.randomUUID()} and the System reads of
     * the environment and the clock. Randomness through {@code Random}, {@code SecureRandom} or
     * {@code ThreadLocalRandom} is caught by the dependency on {@link RandomGenerator}, and any use of
     * {@link Clock} by the dependency on it.
     */
    private static final DescribedPredicate<JavaMethodCall> HIDDEN_INPUT_CALL = DescribedPredicate.describe(
            "reads the clock, randomness or the environment",
            call -> {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                return owner.getPackageName().equals("java.time") && name.equals("now")
                        || (owner.isEquivalentTo(Math.class) || owner.isEquivalentTo(StrictMath.class)) && name.equals("random")
                        || owner.isEquivalentTo(UUID.class) && name.equals("randomUUID")
                        || owner.isEquivalentTo(System.class) && SYSTEM_INPUTS.contains(name);
            });

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    List<ArchRule> all() {
        return List.of(layers(), noCyclesBetweenTopLevelPackages(), noCyclesInsideTheDomain(),
                onlyTheDeciderUsesTheCreditLinePackage(), domainUsesNoFramework(), domainReadsNoHiddenInput(),
                eventStoreKnowsNothingOfTheProject());
    }

    /**
     * Every layer but the wiring names what it may use, so nothing may use the wiring. Only outgoing arrows are
     * constrained: each rule here judges a class by what it uses, never by who uses it.
     */
    ArchRule layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("platform").definedBy(root + ".platform..")
                .layer("servicingfeed").definedBy(root + ".servicingfeed..")
                .layer("api").definedBy(root + ".api..")
                .layer("integration").definedBy(root + ".integration..")
                .layer("audit").definedBy(root + ".audit..")
                .layer("application").definedBy(root + ".application..")
                .layer("readmodel").definedBy(root + ".readmodel..")
                .layer("domain").definedBy(root + ".domain..")
                .layer("eventstore").definedBy(root + ".eventstore..")
                .whereLayer("servicingfeed").mayOnlyAccessLayers("api", "application", "readmodel", "domain", "eventstore")
                .whereLayer("api").mayOnlyAccessLayers("audit", "application", "readmodel", "domain", "eventstore")
                .whereLayer("integration").mayOnlyAccessLayers("application", "readmodel", "domain", "eventstore")
                .whereLayer("audit").mayOnlyAccessLayers("application", "readmodel", "domain", "eventstore")
                .whereLayer("application").mayOnlyAccessLayers("readmodel", "domain", "eventstore")
                .whereLayer("readmodel").mayOnlyAccessLayers("domain", "eventstore")
                .whereLayer("domain").mayNotAccessAnyLayer()
                .whereLayer("eventstore").mayNotAccessAnyLayer()
                .as("the layers use only the layers below them");
    }

    ArchRule noCyclesBetweenTopLevelPackages() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("no cycle between the top-level packages");
    }

    /** Classes directly in the domain package (the shared Rejection) form a slice of their own, so they count too. */
    ArchRule noCyclesInsideTheDomain() {
        String domain = root + ".domain";
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals(domain)) {
                    return SliceIdentifier.of("domain");
                }
                if (pkg.startsWith(domain + ".")) {
                    return SliceIdentifier.of("domain." + pkg.substring(domain.length() + 1).split("\\.")[0]);
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the domain's sub-packages";
            }
        }).should().beFreeOfCycles().as("no cycle between the domain's sub-packages");
    }

    ArchRule onlyTheDeciderUsesTheCreditLinePackage() {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .and().resideOutsideOfPackage(root + ".domain.creditline..")
                .should().dependOnClassesThat().resideInAPackage(root + ".domain.creditline..")
                .as("the domain's rules and values do not use the credit line's decider, commands, events or state");
    }

    ArchRule domainUsesNoFramework() {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
                .as("the domain uses no framework, persistence or JSON library");
    }

    ArchRule domainReadsNoHiddenInput() {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().callMethodWhere(HIDDEN_INPUT_CALL)
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().dependOnClassesThat().areAssignableTo(RandomGenerator.class)
                .as("the domain reads no clock, randomness, random id or environment: time and ids come in commands");
    }

    ArchRule eventStoreKnowsNothingOfTheProject() {
        return noClasses().that().resideInAPackage(root + ".eventstore..")
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAPackage(root + ".eventstore.."))).as("are of the project outside the event store"))
                .as("the event store uses nothing of the project");
    }
}
