package com.uplift.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.TestProfile;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Starts Keycloak while the integration lane discovers its classes, when it discovers one that needs it: its start
 * (60-150 s on the loaded 2-core machine, most of the OIDC class's 70 s in CI) then runs beside Quarkus' builds of
 * the profiles discovered after it and the classes that run before its own, instead of in front of it, and
 * {@link KeycloakTestResource} waits only for what is left. A class needs it when its test profile, or the class
 * itself, names {@link KeycloakTestResource} as a test resource.
 * <p>
 * Failsafe discovers the selected classes one request per class before it runs any (in the order of the file system;
 * Quarkus builds each profile's application as its class is discovered), so the start comes at the OIDC class's turn
 * of that discovery, not at its very beginning. It acts only in a JVM where {@value #EARLY} is true: Failsafe's
 * (pom.xml), not Surefire's, whose selection names the integration classes too and filters them out later by tag. A
 * run that selects no such class ({@code -Dit.test=OneOtherClass}) starts nothing; a run that ends without the class
 * having stopped Keycloak (a failure before it, or its profile never started) stops it when the test plan ends, and at
 * the latest in {@link KeycloakServer}'s shutdown hook.
 * <p>
 * Registered for the JUnit Platform launcher in src/test/resources/META-INF/services, as both listeners.
 */
public class KeycloakEarlyStart implements LauncherDiscoveryListener, TestExecutionListener {

    static final String EARLY = "uplift.test.keycloak.early";
    /** The annotations that name a test resource on the class itself (one each; repeated ones are not looked into). */
    private static final Set<String> RESOURCE_ANNOTATIONS = Set.of(QuarkusTestResource.class.getName(), WithTestResource.class.getName());

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

    /**
     * Read from the class file through the JVM's application class loader, and by name: the listener itself may have
     * been loaded by Quarkus' facade class loader (the launcher's context loader during discovery), and loading a
     * test class through that one builds its profile's application first, which is the very wait this start is to
     * overlap (the first full run that tried it built seven applications before Keycloak started).
     */
    static boolean needsKeycloak(String className) {
        try {
            Class<?> test = Class.forName(className, false, ClassLoader.getSystemClassLoader());
            for (Annotation annotation : test.getAnnotations()) {
                String type = annotation.annotationType().getName();
                if (RESOURCE_ANNOTATIONS.contains(type) && namesKeycloak(value(annotation))) {
                    return true;
                }
                if (type.equals(TestProfile.class.getName()) && profileNeedsKeycloak((Class<?>) value(annotation))) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;   // not a class of ours: it starts no Keycloak
        }
    }

    private static boolean profileNeedsKeycloak(Class<?> profile) {
        try {
            Object entries = profile.getMethod("testResources").invoke(profile.getDeclaredConstructor().newInstance());
            for (Object entry : (Iterable<?>) entries) {
                if (namesKeycloak(entry.getClass().getMethod("getClazz").invoke(entry))) {
                    return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the test resources of the profile " + profile.getName(), e);
        }
    }

    private static boolean namesKeycloak(Object resource) {
        return resource instanceof Class<?> type && type.getName().equals(KeycloakTestResource.class.getName());
    }

    private static Object value(Annotation annotation) {
        try {
            return annotation.annotationType().getMethod("value").invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + annotation, e);
        }
    }
}
