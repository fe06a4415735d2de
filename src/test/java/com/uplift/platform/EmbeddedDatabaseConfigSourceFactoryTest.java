package com.uplift.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseConfigSourceFactoryTest {

    /** As in a packaged application, where the build's deployment classes are absent. */
    private final EmbeddedDatabaseConfigSourceFactory factory = new EmbeddedDatabaseConfigSourceFactory() {
        @Override
        boolean buildTooling() {
            return false;
        }
    };

    @Test
    void anExternalDatabaseNeedsNoEmbeddedOne() {
        assertThat(factory.getConfigSources(context(Map.of("quarkus.datasource.reactive.url", "postgresql://db:5432/uplift"))))
                .isEmpty();
    }

    @Test
    void aStartWithNeitherAnExternalUrlNorTheOptInFailsFastSayingWhatToSet() {
        assertThatThrownBy(() -> factory.getConfigSources(context(Map.of(EmbeddedDatabaseConfigSourceFactory.ENABLED, "false"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QUARKUS_DATASOURCE_REACTIVE_URL")
                .hasMessageContaining("UPLIFT_EMBEDDED_DATABASE_ENABLED=true");
        assertThatThrownBy(() -> factory.getConfigSources(context(Map.of())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outsideProductionAMissingDatabaseIsLeftToTheTestsOrTools() {
        assertThat(factory.getConfigSources(context(Map.of(), "test"))).isEmpty();
    }

    @Test
    void theBuildItselfNeitherStartsNorRefuses() {
        assertThat(new EmbeddedDatabaseConfigSourceFactory().getConfigSources(context(Map.of()))).isEmpty();
    }

    static ConfigSourceContext context(Map<String, String> values) {
        return context(values, "prod");
    }

    static ConfigSourceContext context(Map<String, String> values, String profile) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of(profile);
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
