package com.uplift.architecture.planted.application;

import com.uplift.architecture.planted.platform.Wiring;

/** Breaks the layers: nothing may use the wiring. */
public class ServiceThatUsesTheWiring {
    Wiring wiring;
}
