package dev.shotclock.workflow;

import dev.shotclock.testsupport.TestStores;

class CatchUpPostgresTest extends CatchUpContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
