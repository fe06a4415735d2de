package com.uplift.architecture.planted.platform;

import com.uplift.architecture.planted.api.Resource;

/** Clean: the wiring may see every layer. */
public class Wiring {
    Resource resource;
}
