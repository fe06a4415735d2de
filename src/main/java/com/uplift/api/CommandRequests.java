package com.uplift.api;

import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.AssetKind;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.increase.OverrideReason;
import com.uplift.domain.warning.ClearanceReason;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The bodies of the command endpoints. Amounts are positive with at most 2 decimals and at most 999,999,999.99;
 * dates that report the past may not lie in the future; texts are bounded. Unknown fields are refused.
 */
public final class CommandRequests {

    private CommandRequests() {
    }

    /**
     * The body of a servicing fact, whether it came over HTTP ({@link ServicingResource}) or as a Kafka message: one
     * translation to the command, so both edges record the same fact the same way.
     */
    public interface ServicingFact {
        /**
         * @param at      the instant the fact arrived
         * @param channel the channel it came through (a service note without a channel of its own takes it)
         */
        CreditLineCommand command(Instant at, String channel);
    }

    @Schema(description = "The borrower draws on the line")
    public record Drawdown(
            @Schema(examples = "1500.00") @NotNull @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal amount) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.RecordDrawdown(amount, at);
        }
    }

    @Schema(description = "A repayment of the instalment due on dueDate, paid on paidOn")
    public record Repayment(
            @Schema(examples = "850.00") @NotNull @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal amount,
            @Schema(examples = "2026-11-15") @NotNull @PlausibleDate LocalDate dueDate,
            @Schema(examples = "2026-11-15") @NotNull @PastOrPresent @PlausibleDate LocalDate paidOn) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.RecordRepayment(amount, dueDate, paidOn, at);
        }
    }

    @Schema(description = "An instalment that was not paid")
    public record MissedPayment(
            @Schema(examples = "2026-11-15") @NotNull @PastOrPresent @PlausibleDate LocalDate dueDate,
            @Schema(examples = "850.00") @NotNull @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal amountDue) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.RecordMissedPayment(dueDate, amountDue, at);
        }
    }

    @Schema(description = "The lender writes the line off (charge-off): the amount it no longer expects to be repaid, as of a business date")
    public record WriteOff(
            @Schema(examples = "8500.00") @NotNull @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal amount,
            @Schema(examples = "2026-11-28") @NotNull @PastOrPresent @PlausibleDate LocalDate writtenOffOn) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.RecordWriteOff(amount, writtenOffOn, at);
        }
    }

    @Schema(description = "The servicing system's days past due as of a date (0 = current again)")
    public record DelinquencyReport(
            @Schema(examples = "35") @NotNull @Min(0) @Max(3650) Integer daysPastDue,
            @Schema(examples = "2026-11-28") @NotNull @PastOrPresent @PlausibleDate LocalDate asOf) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.ReportDelinquency(daysPastDue, asOf, at);
        }
    }

    @Schema(description = "A verified monthly income (收入稳定性)")
    public record IncomeVerification(
            @Schema(examples = "20000.00") @NotNull @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal monthlyIncome,
            @Schema(examples = "SALARY_SLIP") @NotNull IncomeSource source,
            @Schema(examples = "2026-10")
            @NotNull @PastOrPresent YearMonth period) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.VerifyIncome(monthlyIncome, source, period, at);
        }
    }

    @Schema(description = "A change in the borrower's assets (资产变化)")
    public record AssetChange(
            @Schema(examples = "VEHICLE") @NotNull AssetKind kind,
            @Schema(examples = "ACQUIRED") @NotNull AssetDirection direction,
            @Schema(examples = "180000.00") @NotNull @DecimalMin("0.01") @Digits(integer = 11, fraction = 2) BigDecimal estimatedValue,
            @Schema(description = "The business date of the change (Asia/Shanghai); omitted: the day it is reported. A"
                    + " change dated before the line's newest one is recorded as history.", examples = "2026-11-20")
            @PastOrPresent @PlausibleDate LocalDate changedOn) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.ReportAssetChange(kind, direction, estimatedValue, changedOn, at);
        }
    }

    @Schema(description = "A credit-bureau report (征信); any negative record is a knock-out")
    public record BureauReport(
            @Schema(examples = "PBOC") @NotBlank @Size(max = 64) String bureau,
            @Schema(examples = "R-2026-0001") @NotBlank @Size(max = 64) String reportId,
            @Schema(examples = "720") @NotNull @Min(300) @Max(1000) Integer score,
            @Schema(examples = "[]") @NotNull @Size(max = 50) List<@NotBlank @Size(max = 64) String> negativeRecords,
            @Schema(examples = "2026-11-28T08:00:00Z") @NotNull @PastOrPresent Instant pulledAt) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.ReceiveBureauReport(bureau, reportId, score, negativeRecords, pulledAt, at);
        }
    }

    @Schema(description = "Customer-service or social text, Chinese or English; risk signals are extracted from it")
    public record ServiceNote(
            @Schema(examples = "客户表示最近失业，收入减少，还款有困难") @NotBlank @Size(max = 4000) String text,
            @Schema(examples = "CALL_CENTER") @Size(max = 32) @Pattern(regexp = "[A-Z_]+") String channel) implements ServicingFact {
        @Override
        public CreditLineCommand command(Instant at, String channel) {
            return new CreditLineCommand.RecordServiceNote(text, this.channel == null ? channel : this.channel, at);
        }
    }

    @Schema(description = "提额: ask for a higher limit; without requestedLimit, as much as the policy allows")
    public record IncreaseRequest(
            @Schema(examples = "15000.00") @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal requestedLimit) {
    }

    @Schema(description = "A reviewer's verdict at a review level (1 risk officer, 2 senior risk officer)")
    public record Review(
            @Schema(examples = "1") @NotNull @Min(1) @Max(2) Integer level,
            @Schema(examples = "APPROVE") @NotNull ReviewOutcome outcome,
            @Schema(examples = "60000.00", description = "APPROVE only; defaults to the proposed limit")
            @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal approvedLimit,
            @Schema(examples = "income and bureau verified by phone") @NotBlank @Size(max = 1000) String comment,
            @Schema(examples = "VERIFIED_INCOME_INCREASE", description = "APPROVE above the policy's increase band only: "
                    + "why (a closed set, docs/policy.md); level 1 recommends with it, level 2 approves with its own")
            OverrideReason overrideReason) {
    }

    @Schema(description = "A review of a referred limit decrease: level 1 by a risk officer, level 2 by a senior risk officer")
    public record DecreaseReview(
            @Schema(examples = "1") @NotNull @Min(1) @Max(2) Integer level,
            @Schema(examples = "APPROVE") @NotNull ReviewOutcome outcome,
            @Schema(examples = "3500.00", description = "APPROVE only; defaults to what the previous level approved, else"
                    + " the proposal; never below the drawn balance")
            @DecimalMin("0.00") @Digits(integer = 9, fraction = 2) BigDecimal approvedLimit,
            @Schema(examples = "65 days past due confirmed with servicing") @NotBlank @Size(max = 1000) String comment) {
    }

    @Schema(description = "Operations set a line's tier (segment) by hand, with a reason")
    public record TierSetting(
            @Schema(examples = "NEW_TO_CREDIT", description = "STANDARD or a segment of the policy in force")
            @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,64}") String tier,
            @Schema(examples = "income under investigation by the branch") @NotBlank @Size(max = 1000) String reason) {
    }

    @Schema(description = "A senior risk officer clears a warning flag raised by a note: why (a closed set) and what was found")
    public record WarningClearance(
            @Schema(examples = "NOTE_DISPROVED", description = "NOTE_DISPROVED, NOTE_MISREAD or SITUATION_RESOLVED (docs/policy.md)")
            @NotNull ClearanceReason reason,
            @Schema(examples = "fraud team checked the account: the login was the customer's own") @NotBlank @Size(max = 1000)
            String comment) {
    }
}
