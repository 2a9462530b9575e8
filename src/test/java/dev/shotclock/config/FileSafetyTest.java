package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSafetyTest {

  @TempDir Path dir;

  private ConfigLoader loader() {
    return new ConfigLoader(expr -> Optional.empty(), Map.of(), "host");
  }

  private Path workflow() throws Exception {
    Files.createDirectories(dir.resolve("workflows"));
    return Files.writeString(dir.resolve("workflows/w.yaml"), "id: w\nsteps:\n  - id: s\n    run: [\"true\"]\n");
  }

  @Test
  void a_world_writable_workflow_file_is_refused() throws Exception {
    Path wf = workflow();
    assertThat(loader().load(dir).workflows()).hasSize(1);
    Files.setPosixFilePermissions(wf, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThatThrownBy(() -> loader().load(dir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("w.yaml").hasMessageContaining("world-writable");
  }

  @Test
  void a_file_owned_by_another_user_is_refused() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "needs root to chown");
    Path wf = workflow();
    UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(wf, nobody);
    assertThatThrownBy(() -> loader().load(dir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("owned by nobody");
  }
}
