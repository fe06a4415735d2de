package com.uplift.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

@Schema(description = "Open a credit line for a borrower in a product")
public record OpenCreditLineRequest(
        @Schema(examples = "B-100234") @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String borrowerId,
        @Schema(examples = "XM-CASH") @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]+") String productCode,
        @Schema(examples = "10000.00") @NotNull @DecimalMin(value = "0.01") @Digits(integer = 9, fraction = 2) BigDecimal initialLimit,
        @Schema(examples = "CNY", defaultValue = "CNY") @KnownCurrency String currency,
        @Schema(examples = "STANDARD", defaultValue = "STANDARD") @Size(max = 32) @Pattern(regexp = "[A-Z0-9_]+") String segment,
        @Schema(examples = "2025-10-01", description = "the line's real open date when migrated from the origination system; default today")
        @PastOrPresent @PlausibleDate LocalDate openedOn) {
}
