package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Starts Keycloak as the integration lane begins, if a class of the run needs it: its start (60-150 s on the loaded
 * 2-core machine, most of the OIDC class's 70 s in CI) then runs while Quarkus builds the run's test applications and
 * the classes before it run, instead of in front of its own class, and {@link KeycloakTestResource} waits only for
 * what is left. A class needs it when its test profile, or the class itself, names {@link KeycloakTestResource} as a
 * test resource.
 * <p>
 * It starts when JUnit begins discovering the classes Failsafe selected (Quarkus builds one application per test
 * profile during that discovery: minutes of a run), and only in a JVM where {@value #EARLY} is true: Failsafe's
 * (pom.xml), not Surefire's, whose selection names the integration classes too and filters them out later by tag. A
 * run that selects no such class ({@code -Dit.test=OneOtherClass}) starts nothing; a run that ends without the class
 * having stopped Keycloak (a failure before it, or its profile never started) stops it when the test plan ends, and at
 * the latest in {@link KeycloakServer}'s shutdown hook.
 * <p>
 * Registered for the JUnit Platform launcher in src/test/resources/META-INF/services, as both listeners.
 */
public class KeycloakEarlyStart implements LauncherDiscoveryListener, TestExecutionListener {

    static final String EARLY = "uplift.test.keycloak.early";

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        if (!Boolean.getBoolean(EARLY)) {
            return;
        }
        request.getSelectorsByType(ClassSelector.class).stream().map(ClassSelector::getClassName)
                .filter(KeycloakEarlyStart::needsKeycloak).findFirst()
                .ifPresent(test -> System.out.println("[uplift] starting Keycloak in the background for " + test + ": "
                        + KeycloakServer.start() + " (log: " + KeycloakServer.LOG + ")"));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        KeycloakServer.stop();   // nothing to do when none runs
    }

    static boolean needsKeycloak(String className) {
        try {
            Class<?> test = Class.forName(className, false, KeycloakEarlyStart.class.getClassLoader());
            boolean onTheClass = Stream.concat(
                            Arrays.stream(test.getAnnotationsByType(QuarkusTestResource.class)).map(QuarkusTestResource::value),
                            Arrays.stream(test.getAnnotationsByType(WithTestResource.class)).map(WithTestResource::value))
                    .anyMatch(KeycloakTestResource.class::equals);
            TestProfile profile = test.getAnnotation(TestProfile.class);
            return onTheClass || (profile != null && profileNeedsKeycloak(profile.value()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;   // not a class of ours: it starts no Keycloak
        }
    }

    private static boolean profileNeedsKeycloak(Class<? extends QuarkusTestProfile> type) {
        try {
            return type.getDeclaredConstructor().newInstance().testResources().stream()
                    .anyMatch(entry -> entry.getClazz().equals(KeycloakTestResource.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the test resources of the profile " + type.getName(), e);
        }
    }
}
