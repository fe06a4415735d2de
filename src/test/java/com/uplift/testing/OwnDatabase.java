package com.uplift.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose application runs on a database of its own: created on the embedded server when the application
 * starts, migrated by Flyway like any other, dropped when it stops. For tests that change history behind the store's
 * back (a superuser switching the append-only trigger off) or plant events no honest writer appends: what they do stays
 * in their database, and every other test keeps an honest store and exact assertions.
 * <p>
 * Quarkus starts one application per profile class, so a test class that needs its own database declares its own
 * subclass; its database is then its alone:
 * <pre>
 * &#64;QuarkusTest
 * &#64;TestProfile(AuditTamperingTest.OwnStore.class)
 * class AuditTamperingTest {
 *     public static class OwnStore extends OwnDatabase {
 *     }
 * }
 * </pre>
 * {@link PostgresTestResource} recognises the profile and hands out the new database's URLs.
 */
public abstract class OwnDatabase implements QuarkusTestProfile {

    /** True when the profile of that (class) name asks for a database of its own. */
    static boolean requestedBy(String profileClassName) {
        if (profileClassName == null) {
            return false;
        }
        try {
            // Compared by name: the profile may come from another class loader than this class.
            for (Class<?> type = Class.forName(profileClassName, false, Thread.currentThread().getContextClassLoader());
                 type != null; type = type.getSuperclass()) {
                if (type.getName().equals(OwnDatabase.class.getName())) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load the test profile " + profileClassName, e);
        }
    }
}
