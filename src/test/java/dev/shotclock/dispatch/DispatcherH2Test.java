package dev.shotclock.dispatch;

import dev.shotclock.testsupport.TestStores;

class DispatcherH2Test extends DispatcherContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
