package dev.shotclock.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where an H2 URL keeps its data, in the forms operators write. */
class H2StoreFileTest {

  @Test
  void the_default_retry_url_with_options_names_the_mv_db_file() {
    assertThat(H2StoreFile.of("jdbc:h2:retry:/var/lib/shotclock/db/shotclock;LOCK_TIMEOUT=10000;WRITE_DELAY=0"))
        .contains(Path.of("/var/lib/shotclock/db/shotclock.mv.db"));
  }

  @Test
  void file_plain_and_stacked_file_system_prefixes_name_the_same_file() {
    Path expected = Path.of("/srv/state/db/shotclock.mv.db");
    assertThat(H2StoreFile.of("jdbc:h2:file:/srv/state/db/shotclock")).contains(expected);
    assertThat(H2StoreFile.of("jdbc:h2:/srv/state/db/shotclock;AUTO_SERVER=TRUE")).contains(expected);
    assertThat(H2StoreFile.of("JDBC:H2:Retry:nio:/srv/state/db/shotclock")).contains(expected);
    assertThat(H2StoreFile.of("jdbc:h2:split:28:file:/srv/state/db/../db/shotclock")).contains(expected);
  }

  @Test
  void home_and_relative_paths_are_made_absolute() {
    assertThat(H2StoreFile.of("jdbc:h2:~/shotclock"))
        .contains(Path.of(System.getProperty("user.home"), "shotclock.mv.db"));
    assertThat(H2StoreFile.of("jdbc:h2:./var/db/shotclock"))
        .contains(Path.of("var/db/shotclock.mv.db").toAbsolutePath());
  }

  @Test
  void memory_server_and_postgresql_urls_have_no_local_file() {
    assertThat(H2StoreFile.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
    assertThat(H2StoreFile.of("jdbc:h2:tcp://db.example/~/shotclock")).isEmpty();
    assertThat(H2StoreFile.of("jdbc:h2:ssl://db.example/shotclock")).isEmpty();
    assertThat(H2StoreFile.of("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
  }
}
