package com.uplift.api.console;

import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;

/**
 * The console's two languages. The officer's choice (a cookie set by the switch) wins; without one the browser's
 * Accept-Language decides, and Chinese is the default, as for the customer texts of the API.
 */
enum ConsoleLanguage {
    ZH_CN(Locale.SIMPLIFIED_CHINESE, "zh-CN"),
    EN(Locale.ENGLISH, "en");

    static final String COOKIE = "uplift-console-lang";

    final Locale locale;
    final String tag;

    ConsoleLanguage(Locale locale, String tag) {
        this.locale = locale;
        this.tag = tag;
    }

    static ConsoleLanguage of(HttpHeaders headers) {
        var chosen = headers.getCookies().get(COOKIE);
        if (chosen != null) {
            ConsoleLanguage language = byTag(chosen.getValue());
            if (language != null) {
                return language;
            }
        }
        for (Locale wanted : headers.getAcceptableLanguages()) {
            if ("zh".equals(wanted.getLanguage())) {
                return ZH_CN;
            }
            if ("en".equals(wanted.getLanguage())) {
                return EN;
            }
        }
        return ZH_CN;
    }

    /** The language a tag names, or null for anything else (the switch accepts only these two). */
    static ConsoleLanguage byTag(String tag) {
        for (ConsoleLanguage language : values()) {
            if (language.tag.equalsIgnoreCase(tag)) {
                return language;
            }
        }
        return null;
    }
}
