package com.uplift.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical mapper reads instants and dates in their written form by hand ({@link CanonicalTimes}); whatever the
 * text, it must answer what the Java time module alone answers: the same value, or a refusal. Seeded cases: written
 * instants and dates over ten thousand years, and the same texts changed a character at a time, cut, lengthened,
 * with impossible dates and times, other cases, offsets and spaces.
 */
class CanonicalTimesTest {

    private static final long SEED = 20261130L;

    /** The canonical mapper's time settings without the hand reading: how stored times were read before it. */
    private static final ObjectMapper TIME_MODULE_ONLY = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @Test
    void everyTextIsReadAsTheTimeModuleReadsIt() {
        Random random = new Random(SEED);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String written = CanonicalJson.write(instant).replace("\"", "");
            texts.add(written);
            texts.add(written.substring(0, 10)); // its date
            texts.add(changed(written, random));
            texts.add(changed(written.substring(0, 10), random));
            texts.add(written.substring(0, random.nextInt(written.length())));
        }
        texts.addAll(List.of("2026-02-29", "2024-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                "2026-11-30T24:00:00Z", "2026-11-30T23:60:00Z", "2026-11-30T23:59:60Z", "2026-11-30T08:15:30z",
                "2026-11-30t08:15:30Z", "2026-11-30T08:15:30.Z", "2026-11-30T08:15:30.1234567890Z",
                "2026-11-30T08:15:30+00:00", "2026-11-30T08:15:30+0800", " 2026-11-30T08:15:30Z", "2026-11-30 ",
                "+12026-11-30T08:15:30Z", "-0001-11-30", "2026-11-30T08:15Z", "1732950930", "1732950930.5",
                "2026-11-30T08:15:30.5", "2026-11-30T08:15:30Z[UTC]", "０２０２６-11-30", "2026-1-30", ""));

        for (String text : texts) {
            String json = "\"" + text + "\"";
            assertThat(read(CanonicalJson.mapper(), json, Instant.class)).as("instant %s", text)
                    .isEqualTo(read(TIME_MODULE_ONLY, json, Instant.class));
            assertThat(read(CanonicalJson.mapper(), json, LocalDate.class)).as("date %s", text)
                    .isEqualTo(read(TIME_MODULE_ONLY, json, LocalDate.class));
        }
    }

    @Test
    void theWrittenFormIsReadByHand_inTheStoredEvents() throws Exception {
        // the event's properties get the hand reading, not the time module's deserializer alone
        DefaultDeserializationContext context = ((DefaultDeserializationContext) CanonicalJson.mapper().getDeserializationContext())
                .createInstance(CanonicalJson.mapper().getDeserializationConfig(), null, null);
        JsonDeserializer<Object> repayment = context.findRootValueDeserializer(
                CanonicalJson.mapper().constructType(RepaymentRecorded.class));
        assertThat(((BeanDeserializerBase) repayment).findProperty("occurredAt").getValueDeserializer())
                .isInstanceOf(CanonicalTimes.Strict.class);
        assertThat(((BeanDeserializerBase) repayment).findProperty("paidOn").getValueDeserializer())
                .isInstanceOf(CanonicalTimes.Strict.class);

        char[] text = "x2026-11-30T08:15:30.000123Zx".toCharArray();
        assertThat(CanonicalTimes.instant(text, 1, 27)).isEqualTo(Instant.parse("2026-11-30T08:15:30.000123Z"));
        assertThat(CanonicalTimes.date(text, 1, 10)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(CanonicalTimes.instant(text, 1, 26)).isNull(); // no Z at its end
    }

    /** The text with one character replaced by one of those the forms are made of, or another. */
    private static String changed(String text, Random random) {
        String alphabet = "0123456789-:.TZtz +9";
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        return new String(chars);
    }

    /** The value read, or the fact of a refusal. */
    private static Object read(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception refused) {
            return "refused";
        }
    }
}
