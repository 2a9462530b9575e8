package dev.shotclock.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler as its performance guide runs it: one-time tasks, lock-and-fetch polling
 * (SELECT ... FOR UPDATE SKIP LOCKED, fetching up to 3 × threads, refetching below 0.5 ×), 10
 * threads, 100 ms polling interval; a finished one-time task is deleted (one commit each).
 */
public final class DbScheduler {

  /** The table of db-scheduler's postgresql_tables.sql (16.x, with the priority column). */
  static final String DDL = """
      create table scheduled_tasks (
        task_name text not null,
        task_instance text not null,
        task_data bytea,
        execution_time timestamp with time zone not null,
        picked BOOLEAN not null,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures INT,
        last_heartbeat timestamp with time zone,
        version BIGINT not null,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance)
      );
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
      """;

  public static final int THREADS = 10;

  private DbScheduler() {}

  public static void createTable(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      for (String sql : SqlScript.statements(DDL)) {
        st.execute(sql);
      }
    }
  }

  /** A one-time task that counts into {@link Recorder#current}. */
  public static OneTimeTask<Void> noopTask() {
    return Tasks.oneTime("noop").execute((instance, ctx) -> Recorder.current.ended(null));
  }

  /** Schedules {@code n} instances due at {@code due}, through its client, in batches. */
  public static void schedule(DataSource ds, OneTimeTask<Void> task, int n, Instant due) {
    SchedulerClient client = SchedulerClient.Builder.create(ds, task).build();
    List<TaskInstance<?>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(task.instance("t" + i));
      if (batch.size() == 1000 || i == n - 1) {
        client.scheduleBatch(batch, due);
        batch = new ArrayList<>();
      }
    }
  }

  public static Scheduler scheduler(DataSource ds, OneTimeTask<Void> task) {
    return Scheduler.create(ds, task)
        .threads(THREADS)
        .pollingInterval(Duration.ofMillis(100))
        .pollUsingLockAndFetch(0.5, 3.0)
        .build();
  }
}
