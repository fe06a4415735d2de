package com.uplift.application;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPortfolioReadinessTest {

    @Test
    void anInstanceThatIsToLoadTheDemoPortfolioIsNotReadyBeforeItHas() {
        DemoPortfolio portfolio = new DemoPortfolio(null, null, Clock.systemUTC(), true, 60, 1);
        HealthCheckResponse response = new DemoPortfolio.Loaded(portfolio).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).isPresent().get().extracting(data -> data.get("state")).isEqualTo("CHECKING");
    }

    @Test
    void anInstanceWithoutDemoDataIsReadyAtOnce() {
        DemoPortfolio portfolio = new DemoPortfolio(null, null, Clock.systemUTC(), false, 60, 1);
        HealthCheckResponse response = new DemoPortfolio.Loaded(portfolio).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).isPresent().get().extracting(data -> data.get("state")).isEqualTo("DISABLED");
    }
}
