/**
 * A small code base with Uplift's layout, planted for {@link com.uplift.architecture.ArchitectureSelfCheckTest}: the
 * classes it lists as clean keep every rule; each other class breaks one rule in the way named by its name. Never
 * used by the service.
 */
package com.uplift.architecture.planted;
