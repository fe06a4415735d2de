package com.uplift.domain.approval;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.ReportDelinquency;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineEvent.AssetChangeReported;
import com.uplift.domain.creditline.CreditLineEvent.BureauReportReceived;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyCured;
import com.uplift.domain.creditline.CreditLineEvent.DelinquencyReported;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReferralExpired;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.ReviewDecrease;
import com.uplift.domain.creditline.CreditLineCommand.SetTier;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineEvent.DrawdownRecorded;
import com.uplift.domain.creditline.CreditLineEvent.IncomeVerified;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.PaymentMissed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.RepaymentRecorded;
import com.uplift.domain.creditline.CreditLineEvent.RiskAssessed;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.TimeElapsed;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOffered;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferWithdrawn;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseOfferAccepted;
import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineCommand.AcceptIncreaseOffer;
import com.uplift.domain.creditline.CreditLineCommand.RecordMissedPayment;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.AdverseActionReason;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.warning.ClearanceReason;
import com.uplift.domain.creditline.CreditLineCommand.ClearWarning;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.domain.DeciderRules;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.platform.StoredEventTypes;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Freezes the canonical JSON of every event type: stored events are forever, so a changed shape must be a conscious
 * decision (new approved file + upcaster), never an accident. Decision events come from the real decider, so their
 * nested records (assessment, rules, sizing) are frozen too.
 * <p>
 * The decision events are at schema v2 (rules version; a review's override reason): their current shape is frozen
 * in the {@code ...V2} files. Their v1 files stay as they were approved, and are checked both ways: the decider under
 * rules v1, written in the v1 shape, still produces them byte for byte; and upcasting them gives that same event
 * ({@link #frozen_v1_shapes_upcast_to_what_rules_v1_decide}). A service note is at schema v2 too: its signals
 * record their spans and analyzer (rules v3); its v1 file is what the rules-v1 extractor records. A review is at
 * schema v3: it records the borrower's other lines at review time (rules v4); its v2 and v1 files stay frozen.
 * The samples whose file was approved under rules v4 are made under rules v4 ({@code verifyUnderRules}): raising the
 * build's rules version changes the value of {@code rulesVersion}, not the shape.
 */
class EventShapesApprovalTest {

    /** The fields schema v2 added to decision events; without them, a v2 payload is the v1 shape. */
    static final List<String> FIELDS_ADDED_IN_V2 = List.of("rulesVersion", "overrideReason");

    /** The field schema v3 of a price change added; without it, a v3 payload is the v2 shape. */
    static final List<String> FIELDS_ADDED_IN_V3 = List.of("reason");

    /** The field schema v2 of an asset change added: its business date (rules v4). */
    static final List<String> FIELDS_ADDED_IN_ASSET_CHANGE_V2 = List.of("changedOn");
    /** The field schema v3 of a review added (rules v4); without it, a v3 review is the v2 shape. */
    static final List<String> REVIEW_FIELDS_ADDED_IN_V3 = List.of("borrowerOtherLimits");

    /** The fields schema v2 of a note added to each of its signals (rules v3). */
    static final List<String> SIGNAL_FIELDS_ADDED_IN_V2 = List.of("spans", "analyzer");

    /** One sample of each type; the test below fails if a new event type has no sample here. */
    static List<CreditLineEvent> samples() {
        return samples(DeciderRules.CURRENT);
    }

    /** The samples as a build deciding under that rules version makes them. */
    static List<CreditLineEvent> samples(int rules) {
        DeciderSpec.Then increase = borrower().spec(rules).when(new RequestLimitIncrease("REQ-1", null, "APP", "B-1", NOW));
        DeciderSpec.Then referred = borrower().limit("40000.00").incomes("40000.00", "41000.00").spec(rules)
                .when(new RequestLimitIncrease("REQ-9", cny("110000"), "BRANCH", "A-7", NOW));
        DeciderSpec.Then reviewed = referred.andThen()
                .when(new ReviewIncrease("REQ-9", "RO-1", 1, ReviewOutcome.APPROVE, cny("60000"), "payslips checked",
                        null, cny("20000.00"), NOW));
        DeciderSpec.Then cured = borrower().spec(rules).when(new ReportDelinquency(35, TODAY, NOW)).andThen()
                .when(new ReportDelinquency(0, TODAY, NOW));
        DeciderSpec.Then noted = borrower().spec(rules)
                .when(new RecordServiceNote("客户说他失业了 and is struggling to pay", "CALL_CENTER", NOW));
        DeciderSpec.Then clearedByOfficer = borrower().spec(rules)
                .when(new RecordServiceNote("客户疑似欺诈，身份证件可能被冒用", "CALL_CENTER", NOW)).andThen()
                .when(new ClearWarning("NOTE_FRAUD_SUSPICION", ClearanceReason.NOTE_DISPROVED,
                        "fraud team found the login was the customer's own", "senior1", "ops", NOW));
        List<CreditLineEvent> offers = new java.util.ArrayList<>();
        if (DeciderRules.increaseOffers(rules)) {
            // 提额名单 (rules v5): a scan's offer, a later scan's withdrawal after a missed payment, an honoured acceptance
            DeciderSpec offering = DeciderSpec.givenCommands(com.uplift.domain.OfferPolicies.offering(),
                    borrower().commands().toArray(com.uplift.domain.creditline.CreditLineCommand[]::new)).underRules(rules);
            DeciderSpec.Then offered = offering.when(new ScanForOffer("SCAN-1", TODAY, NOW));
            offers.add(offered.event(IncreaseOffered.class));
            offers.add(offered.andThen().andCommands(new RecordMissedPayment(TODAY.minusDays(10), cny("1000.00"), NOW))
                    .when(new ScanForOffer("SCAN-2", TODAY, NOW)).event(IncreaseOfferWithdrawn.class));
            offers.add(offered.andThen().when(new AcceptIncreaseOffer(offered.event(IncreaseOffered.class).offerId(),
                    "REQ-7", "APP", "channel", NOW)).event(IncreaseOfferAccepted.class));
        }
        List<CreditLineEvent> all = new java.util.ArrayList<>(List.of(
                new CreditLineOpened("CL-1", "B-1", "XIAOMI-LOAN", cny("10000.00"), "CNY", "STANDARD", TODAY.minusMonths(13), NOW),
                new DrawdownRecorded(cny("2500.00"), cny("2500.00"), NOW),
                new RepaymentRecorded(cny("1000.00"), TODAY.minusDays(3), TODAY, 3, cny("0.00"), cny("1500.00"), NOW),
                new PaymentMissed(TODAY.minusDays(10), cny("1000.00"), NOW),
                new DelinquencyReported(35, TODAY, NOW),
                cured.event(DelinquencyCured.class),
                new IncomeVerified(cny("20500.00"), IncomeSource.BANK_STATEMENT, YearMonth.of(2026, 2), NOW),
                DeciderRules.newestBusinessDateWins(rules)
                        ? new AssetChangeReported(AssetKind.PROPERTY, AssetDirection.ACQUIRED, cny("1500000.00"),
                        TODAY.minusDays(3), NOW)
                        : new AssetChangeReported(AssetKind.PROPERTY, AssetDirection.ACQUIRED, cny("1500000.00"), NOW),
                new BureauReportReceived("PBOC", "R-1", 720, List.of("COURT_JUDGMENT"), NOW, NOW),
                noted.event(ServiceNoteRecorded.class),
                increase.andThen().when(new ReportDelinquency(35, TODAY, NOW)).all(RiskAssessed.class).get(0),
                new PricingTierChanged("B", cny("9.90"), "A", cny("7.20"), 94, 1, "test-hash-v1", rules,
                        DeciderRules.pricesOnlyOnFreshEvidence(rules) ? "score 81 -> 94 moved grade B -> A on an"
                                + " assessment with every input fresh, after BureauReportReceived" : null, NOW),
                new WarningRaised("DPD_30", Severity.WARNING, "DAYS_PAST_DUE 35 >= 30", 1, "test-hash-v1", rules, NOW),
                new WarningCleared("DPD_30", Severity.WARNING, "condition ended", 1, "test-hash-v1", rules, NOW),
                increase.event(IncreaseDecided.class),
                reviewed.event(IncreaseReviewed.class),
                new CreditLimitChanged(cny("10000.00"), cny("14600.00"), "REQ-1", "AUTOMATIC_INCREASE", 1, "test-hash-v1",
                        rules, NOW),
                clearedByOfficer.event(WarningClearedByOfficer.class),
                new TimeElapsed(TODAY, NOW),
                new WriteOffRecorded(cny("8500.00"), TODAY, NOW),
                decreases().event(LimitDecreaseDecided.class),
                decreases().andThen().when(new ReviewDecrease("LD-1", "RO-1", 1, ReviewOutcome.APPROVE, null,
                        "call notes checked", NOW)).event(LimitDecreaseReviewed.class),
                expiredReferral().event(LimitDecreaseReferralExpired.class),
                borrower().spec().when(new SetTier("PRIME", "payroll verified at the branch", "senior1", NOW))
                        .event(TierChanged.class)));
        all.addAll(offers);
        return all;
    }

    /**
     * Rules v5's decrease, referred to review as the shipped sections would with DPD_60 at one level: new event types,
     * schema v1 from the start, decided by the real decider (their nested trigger hits are frozen too).
     */
    private static DeciderSpec.Then decreases() {
        var policy = TestPolicies.withDecreasesAndTiering(sections -> {
            ((ObjectNode) sections.get("decreases").get("triggers").get(0)).put("reviewLevels", 1);
            return sections;
        });
        return DeciderSpec.givenCommands(policy, borrower().then(new RecordDrawdown(cny("2500.00"), NOW)).commands()
                .toArray(com.uplift.domain.creditline.CreditLineCommand[]::new)).when(new ReportDelinquency(65, TODAY, NOW));
    }

    /**
     * The same referral, two levels, under a section whose referrals expire after 5 days: nobody reviews it and the
     * passing of time applies it (schema v1 from the start, decided by the real decider).
     */
    private static DeciderSpec.Then expiredReferral() {
        var policy = TestPolicies.withDecreasesAndTiering(sections -> {
            var decreases = (ObjectNode) sections.get("decreases");
            ((ObjectNode) decreases.get("triggers").get(0)).put("reviewLevels", 2);
            decreases.putObject("referralExpiry").put("afterDays", 5);
            return sections;
        });
        return DeciderSpec.givenCommands(policy, borrower().then(new RecordDrawdown(cny("2500.00"), NOW)).commands()
                        .toArray(com.uplift.domain.creditline.CreditLineCommand[]::new))
                .andCommands(new ReportDelinquency(65, TODAY, NOW))
                .when(new com.uplift.domain.creditline.CreditLineCommand.ReassessOverTime(NOW.plus(java.time.Duration.ofDays(5))));
    }

    @Test
    void every_event_type_has_a_sample() {
        Set<String> permitted = Arrays.stream(CreditLineEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(permitted, samples().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()));
    }

    @Test
    void samples_round_trip_through_canonical_json() {
        for (CreditLineEvent event : samples()) {
            assertEquals(event, CanonicalJson.fromTree(CanonicalJson.toTree(event), event.getClass()), event.getClass().getSimpleName());
        }
    }

    @Test void creditLineOpened() { verify(CreditLineOpened.class); }
    @Test void drawdownRecorded() { verify(DrawdownRecorded.class); }
    @Test void repaymentRecorded() { verify(RepaymentRecorded.class); }
    @Test void paymentMissed() { verify(PaymentMissed.class); }
    @Test void delinquencyReported() { verify(DelinquencyReported.class); }
    @Test void delinquencyCured() { verify(DelinquencyCured.class); }
    @Test void incomeVerified() { verify(IncomeVerified.class); }
    @Test void assetChangeReportedV2() { verify(AssetChangeReported.class); }
    @Test void bureauReportReceived() { verify(BureauReportReceived.class); }
    @Test void serviceNoteRecordedV2() { verify(ServiceNoteRecorded.class); }
    @Test void timeElapsed() { verify(TimeElapsed.class); }
    // a senior risk officer's clearance of a note's flag (schema v1 from the start; it records its rules version)
    @Test void warningClearedByOfficer() { verifyUnderRules(WarningClearedByOfficer.class, 4); }

    // schema v3 of a price change: the current shape, with why the price changed (rules v3)
    @Test void pricingTierChangedV3() { verifyUnderRules(PricingTierChanged.class, 3); }

    // schema v1 of an asset change, frozen: rules v1-v3 recorded no business date of the change
    @Test void assetChangeReported() { verifyWithout(AssetChangeReported.class, 3, FIELDS_ADDED_IN_ASSET_CHANGE_V2); }

    @Test
    void frozen_v1_asset_change_upcasts_to_what_rules_v3_record() throws IOException {
        String file = "EventShapesApprovalTest.assetChangeReported.approved.txt";
        try (InputStream in = EventShapesApprovalTest.class.getResourceAsStream(file)) {
            assertNotNull(in, file);
            JsonNode stored = CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            CreditLineEvent read = (CreditLineEvent) StoredEventTypes.registry()
                    .deserialize("AssetChangeReported", 1, stored);
            assertEquals(samples(3).stream().filter(AssetChangeReported.class::isInstance).findFirst().orElseThrow(),
                    read);
        }
    }

    @Test void writeOffRecorded() { verify(WriteOffRecorded.class); }

    // rules v5: a decrease decided, a referred decrease reviewed, a tier moved (new types, schema v1)
    @Test void limitDecreaseDecided() { verify(LimitDecreaseDecided.class); }
    @Test void limitDecreaseReviewed() { verify(LimitDecreaseReviewed.class); }
    @Test void tierChanged() { verify(TierChanged.class); }
    // a referred decrease applied when its review window passed (new type, schema v1)
    @Test void limitDecreaseReferralExpired() { verify(LimitDecreaseReferralExpired.class); }

    // 提额名单 (rules v5): new at schema v1, sampled under rules 5 so a later rules version leaves the files as they are
    @Test void increaseOffered() { verifyUnderRules(IncreaseOffered.class, 5); }
    @Test void increaseOfferWithdrawn() { verifyUnderRules(IncreaseOfferWithdrawn.class, 5); }
    @Test void increaseOfferAccepted() { verifyUnderRules(IncreaseOfferAccepted.class, 5); }

    @Test
    void offer_events_are_stored_at_schema_v1() {
        for (Class<? extends CreditLineEvent> type : List.of(IncreaseOffered.class, IncreaseOfferWithdrawn.class,
                IncreaseOfferAccepted.class)) {
            CreditLineEvent sample = samples().stream().filter(type::isInstance).findFirst().orElseThrow();
            assertEquals(1, StoredEventTypes.registry().serialize(sample).schemaVersion(), type.getSimpleName());
        }
    }

    // schema v3 of a review: the current shape, with the borrower's other lines at review time (rules v4)
    @Test void increaseReviewedV3() { verifyUnderRules(IncreaseReviewed.class, 4); }

    // schema v2, frozen: what rules v2 decide, in the shape stored at schema v2 (still the current shape of all
    // decision events but the price change)
    @Test void riskAssessedV2() { verifyV2(RiskAssessed.class); }
    @Test void pricingTierChangedV2() { verifyV2(PricingTierChanged.class); }
    @Test void warningRaisedV2() { verifyV2(WarningRaised.class); }
    @Test void warningClearedV2() { verifyV2(WarningCleared.class); }
    @Test void increaseDecidedV2() { verifyV2(IncreaseDecided.class); }
    @Test void increaseReviewedV2() { verifyV2(IncreaseReviewed.class); }
    @Test void creditLimitChangedV2() { verifyV2(CreditLimitChanged.class); }

    // schema v1, frozen: what rules v1 decide, in the shape stored before schema v2
    @Test void riskAssessed() { verifyV1(RiskAssessed.class); }
    @Test void pricingTierChanged() { verifyV1(PricingTierChanged.class); }
    @Test void warningRaised() { verifyV1(WarningRaised.class); }
    @Test void warningCleared() { verifyV1(WarningCleared.class); }
    @Test void increaseDecided() { verifyV1(IncreaseDecided.class); }
    @Test void increaseReviewed() { verifyV1(IncreaseReviewed.class); }
    @Test void creditLimitChanged() { verifyV1(CreditLimitChanged.class); }
    @Test void serviceNoteRecorded() { verifyV1(ServiceNoteRecorded.class); }

    /** Override reasons are stored by name in reviews: a code may be added, never renamed or removed. */
    @Test
    void overrideReasonCodes() {
        Approvals.verifyAll("override reason", OverrideReason.values(), new Options());
    }

    /** Adverse-action reasons are stored by name in increase decisions (rules v3): added, never renamed or removed. */
    @Test
    void adverseActionReasonCodes() {
        Approvals.verifyAll("adverse-action reason", AdverseActionReason.values(), new Options());
    }

    /** Clearance reasons are stored by name in officers' clearances: added, never renamed or removed. */
    @Test
    void clearanceReasonCodes() {
        Approvals.verifyAll("clearance reason", ClearanceReason.values(), new Options());
    }

    @Test
    void frozen_v1_shapes_upcast_to_what_rules_v1_decide() throws IOException {
        EventTypeRegistry registry = StoredEventTypes.registry();
        List<CreditLineEvent> underRulesV1 = samples(1);
        for (String type : List.of("riskAssessed", "pricingTierChanged", "warningRaised", "warningCleared",
                "increaseDecided", "increaseReviewed", "creditLimitChanged", "serviceNoteRecorded")) {
            String file = "EventShapesApprovalTest." + type + ".approved.txt";
            try (InputStream in = EventShapesApprovalTest.class.getResourceAsStream(file)) {
                assertNotNull(in, file);
                JsonNode stored = CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                String name = Character.toUpperCase(type.charAt(0)) + type.substring(1);
                assertEquals(name.equals("PricingTierChanged") || name.equals("IncreaseReviewed") ? 3 : 2, registry.types().stream()
                        .filter(t -> t.name().equals(name)).findFirst().orElseThrow().schemaVersion(), name);
                CreditLineEvent read = (CreditLineEvent) registry.deserialize(name, 1, stored);
                CreditLineEvent expected = underRulesV1.stream().filter(e -> e.getClass().getSimpleName().equals(name))
                        .findFirst().orElseThrow();
                assertEquals(expected, read, name);
            }
        }
    }

    @Test
    void frozen_v2_review_upcasts_to_what_rules_v2_decide() throws IOException {
        String file = "EventShapesApprovalTest.increaseReviewedV2.approved.txt";
        try (InputStream in = EventShapesApprovalTest.class.getResourceAsStream(file)) {
            assertNotNull(in, file);
            JsonNode stored = CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            CreditLineEvent read = (CreditLineEvent) StoredEventTypes.registry().deserialize("IncreaseReviewed", 2, stored);
            assertEquals(samples(2).stream().filter(IncreaseReviewed.class::isInstance).findFirst().orElseThrow(), read);
        }
    }

    @Test
    void frozen_v2_price_change_upcasts_to_what_rules_v2_decide() throws IOException {
        String file = "EventShapesApprovalTest.pricingTierChangedV2.approved.txt";
        try (InputStream in = EventShapesApprovalTest.class.getResourceAsStream(file)) {
            assertNotNull(in, file);
            JsonNode stored = CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            CreditLineEvent read = (CreditLineEvent) StoredEventTypes.registry()
                    .deserialize("PricingTierChanged", 2, stored);
            assertEquals(samples(2).stream().filter(PricingTierChanged.class::isInstance).findFirst().orElseThrow(), read);
        }
    }

    private static void verify(Class<? extends CreditLineEvent> type) {
        CreditLineEvent sample = samples().stream().filter(type::isInstance).findFirst().orElseThrow();
        Approvals.verify(CanonicalJson.pretty(sample), new Options());
    }

    /** The current shape as a build deciding under an older rules version made it (the shape did not change since). */
    private static void verifyUnderRules(Class<? extends CreditLineEvent> type, int rules) {
        verifyWithout(type, rules, List.of());
    }

    private static void verifyWithout(Class<? extends CreditLineEvent> type, int rules, List<String> laterFields) {
        CreditLineEvent sample = samples(rules).stream().filter(type::isInstance).findFirst().orElseThrow();
        ObjectNode payload = (ObjectNode) CanonicalJson.toTree(sample);
        laterFields.forEach(payload::remove);
        Approvals.verify(CanonicalJson.pretty(payload), new Options());
    }

    private static void verifyV2(Class<? extends CreditLineEvent> type) {
        CreditLineEvent sample = samples(2).stream().filter(type::isInstance).findFirst().orElseThrow();
        ObjectNode payload = (ObjectNode) CanonicalJson.toTree(sample);
        FIELDS_ADDED_IN_V3.forEach(payload::remove);
        if (sample instanceof IncreaseReviewed) {
            REVIEW_FIELDS_ADDED_IN_V3.forEach(payload::remove);
        }
        Approvals.verify(CanonicalJson.pretty(payload), new Options());
    }

    private static void verifyV1(Class<? extends CreditLineEvent> type) {
        CreditLineEvent sample = samples(1).stream().filter(type::isInstance).findFirst().orElseThrow();
        Approvals.verify(CanonicalJson.pretty(v1Shape(sample)), new Options());
    }

    /** What a build before schema v2 stored for the event: the same payload without the fields v2 added. */
    static ObjectNode v1Shape(CreditLineEvent event) {
        ObjectNode payload = (ObjectNode) CanonicalJson.toTree(event);
        FIELDS_ADDED_IN_V2.forEach(payload::remove);
        FIELDS_ADDED_IN_V3.forEach(payload::remove);
        if (event instanceof IncreaseReviewed) {
            REVIEW_FIELDS_ADDED_IN_V3.forEach(payload::remove);
        }
        if (payload.get("signals") != null) { // a note's signals gained spans and analyzer in its schema v2
            payload.get("signals").forEach(signal -> SIGNAL_FIELDS_ADDED_IN_V2.forEach(((ObjectNode) signal)::remove));
        }
        return payload;
    }
}
