package com.uplift.architecture.planted.readmodel;

import com.uplift.architecture.planted.application.Service;

/** Breaks the layers: a read model calls up into the application. */
public class ProjectionThatCallsTheApplication {
    Service service;
}
