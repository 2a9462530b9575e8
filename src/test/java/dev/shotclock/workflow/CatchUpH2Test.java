package dev.shotclock.workflow;

import dev.shotclock.testsupport.TestStores;

class CatchUpH2Test extends CatchUpContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
