package com.uplift.testing;

/**
 * A database of its own shared by a few test classes whose doings must not reach the shared database's tests, while
 * they do not disturb each other: a policy version put in force (it would decide other tests' lines), or a packaged
 * instance killed under load on the same database. Each profile costs the integration lane a build and a start of its
 * application, so such classes share this one instead of one each. A class that tampers with history or plants events
 * no honest writer appends, or whose assertions depend on what others left in the database (the policy version in
 * force, the whole book's numbers), keeps a profile of its own ({@link OwnDatabase}).
 */
public class DatabaseApart extends OwnDatabase {
}
