package dev.shotclock.queue;

import java.nio.file.Path;

class TaskQueueH2Test extends TaskQueueContractTest {

  @Override
  TestDatabase openDatabase(Path dir, MutableClock clock) {
    return TestDatabase.h2(dir, clock);
  }
}
