package dev.shotclock.history;

import dev.shotclock.testsupport.TestStores;

class RunStatsPostgresTest extends RunStatsContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
