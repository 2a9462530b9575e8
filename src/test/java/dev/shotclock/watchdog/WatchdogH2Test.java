package dev.shotclock.watchdog;

import dev.shotclock.testsupport.TestStores;

class WatchdogH2Test extends WatchdogContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
