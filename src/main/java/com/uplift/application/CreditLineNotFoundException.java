package com.uplift.application;

public class CreditLineNotFoundException extends RuntimeException {

    public CreditLineNotFoundException(String creditLineId) {
        super("no credit line " + creditLineId);
    }
}
