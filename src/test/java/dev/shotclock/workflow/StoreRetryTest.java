package dev.shotclock.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shotclock.db.DbException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreRetryTest {

  private static final DbException UNREACHABLE = new DbException("connection refused",
      new SQLTransientConnectionException("Connection is not available, request timed out"));

  private final StoreRetry retry = new StoreRetry(Clock.systemUTC(), Duration.ofMillis(1),
      Duration.ofMillis(5), Duration.ofMinutes(1));

  @Test
  void a_write_that_meets_an_outage_lands_when_the_store_answers_again() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    String stored = retry.call("run 7 finished", () -> {
      if (calls.incrementAndGet() < 4) {
        throw UNREACHABLE;
      }
      return "stored";
    });

    assertThat(stored).isEqualTo("stored");
    assertThat(calls).hasValue(4);
  }

  @Test
  void a_statement_the_store_refuses_is_thrown_at_once() {
    AtomicInteger calls = new AtomicInteger();
    DbException refused = new DbException("value too long for column");

    assertThatThrownBy(() -> retry.run("step 3 started", () -> {
      calls.incrementAndGet();
      throw refused;
    })).isSameAs(refused);
    assertThat(calls).hasValue(1);
  }

  @Test
  void gives_up_after_its_bound() {
    StoreRetry bounded = new StoreRetry(Clock.systemUTC(), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(30));
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> bounded.run("run 8 finished", () -> {
      calls.incrementAndGet();
      throw UNREACHABLE;
    })).isSameAs(UNREACHABLE);
    assertThat(calls.get()).isGreaterThan(1);
  }

  @Test
  void abandon_releases_a_waiting_write_so_shutdown_is_not_held_up() throws Exception {
    StoreRetry slow = new StoreRetry(Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofMinutes(10),
        Duration.ofHours(1));
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        slow.run("run 9 finished", () -> {
          calls.incrementAndGet();
          throw UNREACHABLE;
        });
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    await().until(() -> calls.get() == 1);

    slow.abandon();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isSameAs(UNREACHABLE);
    assertThat(calls).hasValue(1);
  }
}
