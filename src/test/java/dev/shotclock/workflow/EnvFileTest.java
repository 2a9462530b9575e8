package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

  @TempDir Path dir;

  @Test
  void reads_comments_exports_quotes_and_leaves_dollars_alone() throws Exception {
    Path f = Files.writeString(dir.resolve("creds.env"), String.join("\n",
        "# credentials", "", "export AWS_REGION=us-east-1", "SLACK='https://hooks/x?a=1#b'",
        "MSG=\"say \\\"hi\\\"\"", "HOME_COPY=$HOME", "TRAIL=value # comment", ""));
    assertThat(EnvFile.read(f)).containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("SLACK", "https://hooks/x?a=1#b").containsEntry("MSG", "say \"hi\"")
        .containsEntry("HOME_COPY", "$HOME").containsEntry("TRAIL", "value").hasSize(5);
  }

  @Test
  void a_bad_line_is_reported_with_file_and_line() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.env"), "A=1\nnot a pair\n");
    assertThatThrownBy(() -> EnvFile.read(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("bad.env:2").hasMessageContaining("expected KEY=VALUE");
  }
}
