package com.uplift.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore.FoldEvent;
import com.uplift.eventstore.EventStore.FoldRead;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.platform.StoredEventTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild reads most events by a few payload fields and the live path decodes them whole: on every approved shape
 * of every credit-line event (each stored schema version the approval files freeze), both must make the same change.
 * The fields are taken here as PostgreSQL's {@code #>>} takes them (a string's value, any other value's JSON text,
 * null for a JSON null or a missing field); {@code ReadForFoldTest} checks the database itself.
 */
class LineChangeTest {

    private static final Path SHAPES = Path.of("src/test/resources/com/uplift/domain/approval");
    private static final Pattern SHAPE = Pattern.compile("EventShapesApprovalTest\\.([a-z][A-Za-z]*?)(?:V(\\d+))?\\.approved\\.txt");

    private final EventTypeRegistry types = StoredEventTypes.registry();
    private final List<FoldRead> reads = LineChange.reads(types);

    @Test
    void everyApprovedShapeMakesTheSameChangeReadByItsFieldsAsDecodedWhole() throws IOException {
        Set<String> typesSeen = new HashSet<>();
        int byFields = 0;
        for (Path file : shapes()) {
            Matcher name = SHAPE.matcher(file.getFileName().toString());
            if (!name.matches()) {
                continue;
            }
            String type = Character.toUpperCase(name.group(1).charAt(0)) + name.group(1).substring(1);
            FoldRead read = reads.stream().filter(r -> r.eventType().equals(type)).findFirst().orElse(null);
            if (read == null) {
                continue; // reason codes, not an event
            }
            int schemaVersion = name.group(2) == null ? 1 : Integer.parseInt(name.group(2));
            JsonNode payload = CanonicalJson.parse(Files.readString(file));
            LineChange decoded = LineChange.of((CreditLineEvent) types.deserialize(type, schemaVersion, payload));
            typesSeen.add(type);
            // what the database sends: the payload whole (read whole, or stored at a version the fields are not for),
            // or the fields
            if (read.whole() || schemaVersion != read.schemaVersion() && !read.fields().isEmpty()) {
                continue; // decoded whole on both paths
            }
            List<String> fields = new ArrayList<>();
            read.fields().forEach(path -> fields.add(asPostgresReadsIt(payload, path)));
            Class<?> javaType = types.types().stream().filter(t -> t.name().equals(type)).findFirst().orElseThrow().javaType();
            assertThat(LineChange.fromFields(javaType, fields)).as(file.getFileName().toString()).isEqualTo(decoded);
            byFields++;
        }
        assertThat(typesSeen).as("every credit-line event type has an approved shape")
                .hasSize(CreditLineEvent.class.getPermittedSubclasses().length);
        assertThat(byFields).as("shapes read by their fields").isGreaterThanOrEqualTo(LineChange.BY_FIELDS.size());
    }

    @Test
    void theRowFoldReadsOnlyAFewFieldsOfTheTypesItDoesNotReadWhole() {
        for (FoldRead read : reads) {
            assertThat(read.fields().size()).as(read.eventType()).isLessThanOrEqualTo(FoldRead.MAX_FOLD_FIELDS);
        }
        // the big payloads (assessments, decisions, notes) are never sent whole at their current schema version
        assertThat(reads).filteredOn(FoldRead::whole).extracting(FoldRead::eventType).containsExactlyInAnyOrder(
                "CreditLineOpened", "RepaymentRecorded", "PaymentMissed", "DelinquencyReported", "DelinquencyCured");
    }

    @Test
    void aRebuildDecodesAPayloadThatCameWholeThroughItsUpcastersAndReadsTheOthersByTheirFields() throws IOException {
        CreditLinesProjection projection = new CreditLinesProjection(ZoneId.of("Asia/Shanghai"), types);
        String storedAtV1 = Files.readString(SHAPES.resolve("EventShapesApprovalTest.pricingTierChanged.approved.txt"));
        JsonNode v1 = CanonicalJson.parse(storedAtV1);
        Instant at = Instant.parse("2026-03-15T02:00:00Z");
        RecordedEvent whole = new RecordedEvent(7, 100, "credit-line-L1", 3, null, "PricingTierChanged", 1, storedAtV1,
                null, at, null, null);
        RecordedEvent byFields = new RecordedEvent(8, 100, "credit-line-L1", 4, null, "PricingTierChanged", 3, null,
                null, at, null, null);

        List<CreditLinesProjection.Step> steps = projection.prepare(List.of(
                new FoldEvent(whole, Arrays.asList(null, null, null)),
                new FoldEvent(byFields, Arrays.asList("A", "7.20", null))));

        assertThat(steps).extracting(CreditLinesProjection.Step::change).containsExactly(
                new LineChange.Repriced(v1.get("grade").textValue(), new BigDecimal(v1.get("aprPercent").textValue())),
                new LineChange.Repriced("A", new BigDecimal("7.20")));
        assertThat(steps).extracting(CreditLinesProjection.Step::creditLineId).containsOnly("L1");
        assertThat(steps).extracting(CreditLinesProjection.Step::position)
                .containsExactly(new Checkpoint(100, 7), new Checkpoint(100, 8));
        assertThat(steps).extracting(CreditLinesProjection.Step::streamVersion).containsExactly(3L, 4L);
    }

    /** {@code payload #>> path}: a string's value, any other value's JSON text, null for a JSON null or nothing. */
    private static String asPostgresReadsIt(JsonNode payload, String dottedPath) {
        JsonNode node = payload;
        for (String key : dottedPath.split("\\.")) {
            node = node == null ? null : node.get(key);
        }
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static List<Path> shapes() throws IOException {
        try (Stream<Path> files = Files.list(SHAPES)) {
            return files.sorted().toList();
        }
    }
}
