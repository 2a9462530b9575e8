package dev.shotclock.history;

import dev.shotclock.testsupport.TestStores;

class HistoryPostgresTest extends HistoryContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
