package com.uplift.architecture.planted.domain.governance;

import com.uplift.architecture.planted.domain.creditline.Decider;

/** Uses the credit line's package from another domain package, as the policy book once borrowed its Rejection. */
public class BookThatBorrowsFromTheDecider {
    Decider decider;
}
