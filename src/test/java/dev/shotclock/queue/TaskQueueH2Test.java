package dev.shotclock.queue;

import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import dev.shotclock.testsupport.MutableClock;

import java.nio.file.Path;

class TaskQueueH2Test extends TaskQueueContractTest {

  @Override
  StoreFixture openDatabase(Path dir, MutableClock clock) {
    return StoreFixture.migrated(TestStores.Kind.H2, dir, clock);
  }
}
