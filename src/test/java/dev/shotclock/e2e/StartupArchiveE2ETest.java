package dev.shotclock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.testsupport.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bin/shotclockd's class-data-sharing archive: recorded once per build by the start-up rehearsal,
 * and valid for the jar it was recorded from (with -Xshare:on the JVM refuses to start on an
 * archive it cannot map, instead of ignoring it).
 */
class StartupArchiveE2ETest {

  @Test
  void theArchiveIsRecordedAndTheJvmMapsIt() throws Exception {
    Path home = Installation.HOME;
    Installation.Result options = Installation.run(List.of("bash", "-c",
        "source \"$1/bin/common.sh\"; shotclock_cds_options \"$(shotclock_java)\"", "_", home.toString()),
        Map.of());
    assertThat(options.exitCode()).as(options.stderr()).isZero();
    assertThat(options.stdout()).contains("-XX:SharedArchiveFile=" + home.resolve("target/shotclockd.jsa"));
    Path jsa = home.resolve("target/shotclockd.jsa");
    assertThat(Files.getLastModifiedTime(jsa))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(home.resolve("target/shotclock.jar")));

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(Arrays.asList(options.stdout().trim().split(" ")));
    cmd.addAll(List.of("-Xshare:on", "-cp", home.resolve("target/shotclock.jar").toString(),
        "dev.shotclock.daemon.Main", "--no-such-option"));
    Installation.Result usage = Installation.run(cmd, Map.of());
    // 2 is Main's usage error: the JVM started on the archive and ran the daemon's own code
    assertThat(usage.exitCode()).as(usage.stdout() + usage.stderr()).isEqualTo(2);
    assertThat(usage.stderr()).contains("usage: shotclockd");
  }
}
