package dev.shotclock.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.shotclock.adce.ReconciliationRecord;
import dev.shotclock.adce.ReconciliationRepository;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskFilter;
import dev.shotclock.queue.TaskState;
import dev.shotclock.testsupport.DaemonFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NBA pack's ADCE loop offline: adce-reconcile finds the planted gaps among the sample games,
 * the dispatcher fetches each through collect-espn's http step from a local server standing in for
 * ESPN (never the network), one at a time as the espn source allows, and the next reconciliation
 * finds nothing left.
 */
class NbaAdceTest {

  private static final List<String> GAMES = List.of("401584601", "401584602", "401584603", "401584604",
      "401584605", "401584606", "401584607", "401584608");

  @TempDir Path dir;
  DaemonFixture daemon;
  HttpServer espn;
  final Set<String> fetched = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (espn != null) {
      espn.stop(0);
    }
  }

  private void startEspn() throws IOException {
    espn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    espn.createContext("/playbyplay", exchange -> {
      String game = exchange.getRequestURI().getQuery().replace("event=", "");
      fetched.add(game);
      byte[] body = ("{\"header\": {\"id\": \"" + game + "\"}, \"plays\": [" + "{\"text\": \"sample play\"},".repeat(20)
          + "{\"text\": \"end of game\"}]}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    espn.start();
  }

  @Test
  void reconciliation_finds_the_planted_gaps_the_collector_fetches_them_and_the_next_finds_none() throws Exception {
    startEspn();
    Path conf = NbaPack.copyTo(dir);
    Path pbp = Files.createDirectories(dir.resolve("var/nba-sim/data/nba_pbp"));
    for (String game : GAMES.subList(0, 5)) {
      Files.writeString(pbp.resolve(game + ".json"), "{\"plays\": [" + "{},".repeat(60) + "{}]}");
    }
    Files.writeString(pbp.resolve(GAMES.get(5) + ".json"), "{}");   // a failed download: too small
    Map<String, String> env = NbaPack.offlineEnvironment();
    env.put("SHOTCLOCK_ADMIN_PORT", "0");
    env.put("NBA_MIN_FREE", "1MB");
    env.put("ESPN_API_BASE", "http://127.0.0.1:" + espn.getAddress().getPort());
    daemon = DaemonFixture.startFromConfigDir(conf, env, Clock.systemUTC());
    var reconciliations = new ReconciliationRepository(daemon.daemon().jdbc());

    assertThat(daemon.runToEnd("adce-reconcile", Duration.ofSeconds(30)).state()).isEqualTo(RunState.SUCCEEDED);
    ReconciliationRecord first = reconciliations.history("adce-reconcile", "inventory", 1).get(0);
    assertThat(first.gapsFound()).as("2 missing, 1 too small").isEqualTo(3);
    assertThat(first.byPriority()).containsEntry("high", 3L);

    await().atMost(Duration.ofSeconds(60)).until(() -> tasks().size() == 3
        && tasks().stream().allMatch(t -> t.state() == TaskState.SUCCEEDED));
    assertThat(fetched).containsExactlyInAnyOrder(GAMES.get(5), GAMES.get(6), GAMES.get(7));
    List<RunRecord> collects = daemon.runs("collect-espn").stream()
        .sorted(Comparator.comparing(RunRecord::startedAt)).toList();
    assertThat(collects).hasSize(3).allMatch(r -> r.state() == RunState.SUCCEEDED);
    for (int i = 1; i < collects.size(); i++) {
      assertThat(collects.get(i).startedAt()).as("espn max_concurrent 1: one fetch at a time")
          .isAfterOrEqualTo(collects.get(i - 1).finishedAt());
    }

    assertThat(daemon.runToEnd("adce-reconcile", Duration.ofSeconds(30)).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(reconciliations.history("adce-reconcile", "inventory", 1).get(0).gapsFound()).isZero();
  }

  private List<Task> tasks() {
    return daemon.daemon().queues().current().list(TaskFilter.all().withLimit(100));
  }
}
