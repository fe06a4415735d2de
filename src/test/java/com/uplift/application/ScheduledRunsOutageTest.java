package com.uplift.application;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scheduled tick that meets an outage ends quietly (a warning); any other failure still fails the tick. */
class ScheduledRunsOutageTest {

    @Test
    void anOutageEndsTheTickAndABugDoesNot() {
        Uni<Void> outage = Uni.createFrom().failure(new RuntimeException(new SocketException("Connection reset")));
        assertThat(ScheduledRuns.outageIsAWarning("a-job", outage).await().indefinitely()).isNull();
        Uni<Void> bug = Uni.createFrom().failure(new IllegalStateException("a bug"));
        assertThatThrownBy(() -> ScheduledRuns.outageIsAWarning("a-job", bug).await().indefinitely())
                .isInstanceOf(IllegalStateException.class).hasMessage("a bug");
    }
}
