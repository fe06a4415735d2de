package com.uplift.domain.history;

/** The kind of asset whose change is reported (资产变化). */
public enum AssetKind {
    PROPERTY, VEHICLE, DEPOSIT, OTHER
}
