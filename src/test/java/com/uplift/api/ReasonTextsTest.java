package com.uplift.api;

import com.uplift.domain.increase.AdverseActionReason;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The message catalogue: every closed reason code has a customer-facing text in zh-CN and in en. */
class ReasonTextsTest {

    @Test
    void every_adverse_action_reason_has_a_chinese_and_an_english_text() {
        List<String> withoutChinese = Arrays.stream(AdverseActionReason.values())
                .filter(r -> !ReasonTexts.has(r, ReasonTexts.ZH_CN)).map(Enum::name).toList();
        List<String> withoutEnglish = Arrays.stream(AdverseActionReason.values())
                .filter(r -> !ReasonTexts.has(r, Locale.ENGLISH)).map(Enum::name).toList();

        assertEquals(List.of(), withoutChinese);
        assertEquals(List.of(), withoutEnglish);
    }

    @Test
    void the_catalogue_is_read_as_utf8() {
        assertEquals("您的月收入波动较大。", ReasonTexts.text("INCOME_STABILITY", ReasonTexts.ZH_CN));
        assertEquals("Your monthly income varies too much.", ReasonTexts.text("INCOME_STABILITY", Locale.ENGLISH));
    }

    @Test
    void a_code_of_older_rules_without_a_text_gets_the_contact_us_text_not_an_empty_one() {
        assertEquals("如需了解本次决定的原因，请联系我们。", ReasonTexts.text("INSUFFICIENT_DATA:INCOME", ReasonTexts.ZH_CN));
        assertEquals("Please contact us for the reasons of this decision.",
                ReasonTexts.text("SCORE_BELOW_MINIMUM", Locale.ENGLISH));
    }
}
