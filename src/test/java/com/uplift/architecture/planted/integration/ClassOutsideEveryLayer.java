package com.uplift.architecture.planted.integration;

/** Breaks the layers: a top-level package that has no place in the architecture. */
public class ClassOutsideEveryLayer {
}
