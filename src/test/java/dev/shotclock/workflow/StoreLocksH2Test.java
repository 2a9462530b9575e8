package dev.shotclock.workflow;

import dev.shotclock.testsupport.TestStores;

class StoreLocksH2Test extends StoreLocksContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
