package dev.shotclock.watchdog;

import dev.shotclock.testsupport.TestStores;

class WatchdogPostgresTest extends WatchdogContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
