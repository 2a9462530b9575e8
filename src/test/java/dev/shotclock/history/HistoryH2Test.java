package dev.shotclock.history;

import dev.shotclock.testsupport.TestStores;

class HistoryH2Test extends HistoryContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
