package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  private static StoreSettings store(String url) {
    return new StoreSettings(url, "sa", "", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void the_default_h2_url_has_every_durability_setting() {
    assertThat(store(StoreSettings.defaultH2Url(Path.of("/var/lib/shotclock"))).missingH2DurabilitySettings()).isEmpty();
  }

  @Test
  void an_operators_h2_url_without_them_is_told_which_are_missing() {
    assertThat(store("jdbc:h2:file:/srv/sc;LOCK_TIMEOUT=10000").missingH2DurabilitySettings())
        .containsExactly("WRITE_DELAY=0", "REUSE_SPACE=FALSE");
    assertThat(store("jdbc:h2:file:/srv/sc;write_delay=0").missingH2DurabilitySettings())
        .containsExactly("REUSE_SPACE=FALSE");
  }

  @Test
  void postgresql_needs_none_of_them() {
    assertThat(store("jdbc:postgresql://127.0.0.1/test").missingH2DurabilitySettings()).isEmpty();
  }
}
