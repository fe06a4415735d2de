package com.uplift.architecture.planted.servicingfeed;

import com.uplift.architecture.planted.api.Resource;
import com.uplift.architecture.planted.application.Service;

/** Clean: the Kafka edge records facts through the HTTP edge's command path and the application. */
public class Feed {
    Resource resource;
    Service service;
}
