package com.uplift.audit;

import com.uplift.audit.AuditEvent.AnchoredHead;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.HashChain;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces an auditor relies on, without infrastructure: JSON comparison, Merkle roots, the anchor's stored shape. */
class AuditPrimitivesTest {

    @Test
    void theFirstDifferenceIsNamedByItsJsonPath() {
        var recorded = CanonicalJson.parse("""
                {"outcome":"REFERRED","rules":[{"code":"MIN_SCORE","status":"PASS"},{"code":"DPD","status":"PASS"}],"x":1}""");
        var reproduced = CanonicalJson.parse("""
                {"outcome":"REFERRED","rules":[{"code":"MIN_SCORE","status":"PASS"},{"code":"DPD","status":"FAIL"}],"x":1.0}""");

        JsonDifference.Difference difference = JsonDifference.first(recorded, reproduced);

        assertThat(difference.path()).isEqualTo("$.rules[1].status");
        assertThat(difference.expected().asText()).isEqualTo("PASS");
        assertThat(difference.actual().asText()).isEqualTo("FAIL");
        assertThat(JsonDifference.first(recorded, recorded.deepCopy())).isNull();
        assertThat(JsonDifference.first(CanonicalJson.parse("{\"a\":null}"), CanonicalJson.parse("{}")).path()).isEqualTo("$.a");
        assertThat(JsonDifference.first(CanonicalJson.parse("[1,2]"), CanonicalJson.parse("[1,2,3]")).path()).isEqualTo("$[2]");
    }

    @Test
    void theMerkleRootIsRecomputableFromTheHeadsAndChangesWithAnyOfThem() {
        AnchoredHead a = new AnchoredHead("credit-line-a", 3, "a".repeat(64));
        AnchoredHead b = new AnchoredHead("credit-line-b", 7, "b".repeat(64));
        AnchoredHead c = new AnchoredHead("credit-line-c", 1, "c".repeat(64));
        String leafA = HashChain.sha256("credit-line-a\n3\n" + "a".repeat(64));
        String leafB = HashChain.sha256("credit-line-b\n7\n" + "b".repeat(64));
        String leafC = HashChain.sha256("credit-line-c\n1\n" + "c".repeat(64));

        assertThat(MerkleRoot.of(List.of(a))).isEqualTo(leafA);
        assertThat(MerkleRoot.of(List.of(a, b, c))).isEqualTo(HashChain.sha256(HashChain.sha256(leafA + leafB) + leafC));
        assertThat(MerkleRoot.of(List.of(a, new AnchoredHead("credit-line-b", 6, "b".repeat(64)), c)))
                .isNotEqualTo(MerkleRoot.of(List.of(a, b, c)));
    }

    @Test
    void streamHeadsAnchored() {
        List<AnchoredHead> heads = List.of(new AnchoredHead("credit-line-3f0c", 17, "0".repeat(63) + "1"),
                new AnchoredHead("policy-book", 4, "f".repeat(64)));
        Approvals.verify(CanonicalJson.pretty(new AuditEvent.StreamHeadsAnchored("0-0", "812-3301", 1, 1, heads,
                MerkleRoot.of(heads), Instant.parse("2026-11-28T10:00:00Z"))), new Options());
    }

    @Test
    void theRecordedPolicyVersionIsTheTopLevelIntegerFieldReadFromTheStoredText() {
        assertThat(CommandBatch.topLevelInteger("{\"a\": {\"policyVersion\": 7}, \"policyVersion\": 3}", "policyVersion")).isEqualTo(3);
        assertThat(CommandBatch.topLevelInteger("{\"a\": {\"policyVersion\": 7}}", "policyVersion")).isNull();
        assertThat(CommandBatch.topLevelInteger("{\"policyVersion\": \"3\"}", "policyVersion")).isNull();
        assertThat(CommandBatch.topLevelInteger("{\"policyVersion\": 2, \"x\": [1, {\"policyVersion\": 9}], \"policyVersion\": 5}",
                "policyVersion")).isEqualTo(5); // a repeated key: the last, as a tree keeps it
        assertThat(CommandBatch.topLevelInteger("{\"amount\": \"1.00\"}", "policyVersion")).isNull();
    }
}
