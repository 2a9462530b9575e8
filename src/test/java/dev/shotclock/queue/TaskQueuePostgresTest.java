package dev.shotclock.queue;

import java.nio.file.Path;

class TaskQueuePostgresTest extends TaskQueueContractTest {

  @Override
  TestDatabase openDatabase(Path dir, MutableClock clock) {
    return TestDatabase.postgres(clock);
  }
}
