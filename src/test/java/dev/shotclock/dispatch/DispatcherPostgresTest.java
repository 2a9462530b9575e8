package dev.shotclock.dispatch;

import dev.shotclock.testsupport.TestStores;

class DispatcherPostgresTest extends DispatcherContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
