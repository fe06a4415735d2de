package com.uplift.architecture.planted.outside;

/** Breaks the layers: a top-level package that has no place in the architecture. */
public class ClassOutsideEveryLayer {
}
