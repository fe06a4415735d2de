package com.uplift.architecture.planted.domain.history;

import java.math.BigDecimal;

/** Clean: the values the rules read; depends on nothing of the project. */
public record Facts(BigDecimal limit) {
}
