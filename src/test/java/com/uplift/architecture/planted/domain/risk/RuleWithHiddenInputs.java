package com.uplift.architecture.planted.domain.risk;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Reads every kind of hidden input, one per method: the clock, randomness, random ids and the environment. */
public class RuleWithHiddenInputs {

    Instant instantNow() {
        return Instant.now();
    }

    LocalDate localDateNow() {
        return LocalDate.now();
    }

    Instant systemClock() {
        return Clock.systemUTC().instant();
    }

    int newRandom() {
        return new Random(7).nextInt();
    }

    int threadLocalRandom() {
        return ThreadLocalRandom.current().nextInt();
    }

    int secureRandom() {
        return new SecureRandom().nextInt();
    }

    double mathRandom() {
        return Math.random();
    }

    UUID randomUuid() {
        return UUID.randomUUID();
    }

    String environment() {
        return System.getenv("HOME");
    }

    String systemProperty() {
        return System.getProperty("user.timezone");
    }

    long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    long nanoTime() {
        return System.nanoTime();
    }
}
