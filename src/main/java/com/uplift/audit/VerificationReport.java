package com.uplift.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Progress and findings of a re-verification run. {@code otherStreamsChecked}: streams other than credit lines whose
 * chain was walked (only when no set of lines is given); their events count in {@code eventsChecked}. Counts are exact; the lists keep the first
 * {@value VerificationRun#KEPT} findings of each kind (the counts say how many there were).
 * {@code notRedecidableCount}: batches made under a decider rules version this build does not carry; their chain is
 * checked, they are not re-decided, and they are not mismatches ({@code notRedecidable} names them).
 * {@code analyzerDriftCount}: notes that re-read differently because the note analyzer (library version) differs from
 * the one the note recorded; drift, not tampering, so not a mismatch and not unclean ({@code analyzerDrift} names them).
 */
public record VerificationReport(String id, Status status, AuditScope scope, String requestedBy, Instant startedAt,
                                 Instant finishedAt, long linesChecked, long eventsChecked, long batchesChecked,
                                 long decisionsChecked, long otherStreamsChecked, long anchorsChecked, long anchoredHeadsChecked,
                                 long mismatchCount, long brokenLinkCount, long anchorProblemCount,
                                 List<Mismatch> mismatches, List<BrokenLink> brokenLinks,
                                 List<AnchorProblem> anchorProblems, String failure, long notRedecidableCount,
                                 List<NotRedecidable> notRedecidable, long analyzerDriftCount,
                                 List<AnalyzerDrift> analyzerDrift) {

    public VerificationReport {
        analyzerDrift = analyzerDrift == null ? List.of() : analyzerDrift; // a report stored before drift was reported
    }

    @Schema(name = "VerificationStatus")
    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    /**
     * True when finished with nothing found, false when something was found or the run failed, null while queued or
     * running: a job that has not checked anything yet has not found the store unclean.
     */
    @JsonProperty("clean")
    @Schema(nullable = true, description = "null until the run has finished; then true when nothing was found")
    public Boolean clean() {
        return switch (status) {
            case QUEUED, RUNNING -> null;
            case COMPLETED -> mismatchCount == 0 && brokenLinkCount == 0 && anchorProblemCount == 0;
            case FAILED -> false;
        };
    }

    /**
     * A recorded batch that the decider, run again on the same state, command and policy, does not reproduce.
     *
     * @param streamVersion the version of the first event that differs (or of the batch's first event)
     * @param field         the JSON path of the first differing field, e.g. {@code $.outcome}
     */
    public record Mismatch(String creditLineId, long streamVersion, String eventType, String causationId,
                           Integer policyVersion, String field, JsonNode recorded, JsonNode reproduced, String problem) {
    }

    /**
     * A recorded batch made under a decider rules version this build cannot decide under (newer, or older than it
     * still carries): it is not re-decided, and that is no finding against the record.
     */
    public record NotRedecidable(String creditLineId, long streamVersion, String eventType, String causationId,
                                 int rulesVersion, String problem) {
    }

    /**
     * A note re-read by another analyzer than the one its signals record (a library upgrade, or another analyzer
     * altogether) that does not reproduce what was recorded. The record is not in question (the hash chain vouches
     * for it); the analyzer changed, so the difference is drift, reported with both analyzers and the first
     * difference, never as a mismatch.
     *
     * @param recordedAnalyzer the analyzer the note's signals record, name and library version
     * @param currentAnalyzer  the analyzer this build reads notes with, name and library version
     */
    public record AnalyzerDrift(String creditLineId, long streamVersion, String eventType, String causationId,
                                String recordedAnalyzer, String currentAnalyzer, String field, JsonNode recorded,
                                JsonNode reproduced, String problem) {
    }

    /** A hash-chain link that does not hold: an event changed, missing, or out of place. */
    public record BrokenLink(String streamId, long version, String problem) {
    }

    /** An anchored (stream, version, hash) that the store no longer holds as anchored: history was cut or rewritten. */
    public record AnchorProblem(String streamId, long version, String anchoredHash, String storedHash,
                                long anchorEventVersion, Instant anchoredAt, String problem) {
    }
}
