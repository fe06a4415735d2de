package com.uplift.api;

import com.uplift.domain.increase.AdverseActionReason;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The customer-facing texts of adverse-action reasons, from the message catalogue in {@code reasons/} (UTF-8). The
 * domain owns the codes; wording is presentation, so it lives here and can be reworded without a rules version.
 * <p>
 * zh-CN is the default: the lender's customers are in mainland China and the channels show Chinese. English is given
 * when {@code Accept-Language} prefers it (docs/policy.md, "Adverse-action reasons").
 */
public final class ReasonTexts {

    static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;

    /** A code without a catalogue entry (a v1/v2 rule code) is shown with this text, never without any. */
    static final String UNLISTED = "UNLISTED";

    private static final Map<Locale, Properties> CATALOGUES = Map.of(
            ZH_CN, load("reasons/messages_zh_CN.properties"),
            Locale.ENGLISH, load("reasons/messages_en.properties"));

    private ReasonTexts() {
    }

    @Schema(description = "an adverse-action reason and its text for the customer")
    public record ReasonText(String code, String text) {
    }

    /** The first language the caller accepts that has a catalogue (by quality); zh-CN when none does. */
    static Locale language(HttpHeaders headers) {
        List<Locale> accepted = headers == null ? List.of() : headers.getAcceptableLanguages();
        for (Locale locale : accepted) {
            if (locale.getLanguage().equals("en")) {
                return Locale.ENGLISH;
            }
            if (locale.getLanguage().equals("zh")) {
                return ZH_CN;
            }
        }
        return ZH_CN;
    }

    public static List<ReasonText> texts(List<String> codes, Locale language) {
        return codes.stream().map(code -> new ReasonText(code, text(code, language))).toList();
    }

    static String text(String code, Locale language) {
        Properties catalogue = CATALOGUES.getOrDefault(language, CATALOGUES.get(ZH_CN));
        return catalogue.getProperty(code, catalogue.getProperty(UNLISTED));
    }

    /** Whether the catalogue of that language has a text for the reason (the test of the catalogue asks). */
    static boolean has(AdverseActionReason reason, Locale language) {
        String text = CATALOGUES.get(language).getProperty(reason.name());
        return text != null && !text.isBlank();
    }

    private static Properties load(String resource) {
        try (InputStream in = ReasonTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("message catalogue " + resource + " is missing");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
