package com.uplift.api.console;

/** Where the Debian packages put the browser and its driver (.ci/run installs both when they are missing). */
final class ConsoleBrowser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private ConsoleBrowser() {
    }
}
