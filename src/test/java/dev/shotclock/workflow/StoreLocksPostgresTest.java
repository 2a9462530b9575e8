package dev.shotclock.workflow;

import dev.shotclock.testsupport.TestStores;

class StoreLocksPostgresTest extends StoreLocksContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
