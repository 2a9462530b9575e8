package dev.shotclock.history;

import dev.shotclock.testsupport.TestStores;

class RunStatsH2Test extends RunStatsContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
