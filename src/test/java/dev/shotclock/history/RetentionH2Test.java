package dev.shotclock.history;

import dev.shotclock.testsupport.TestStores;

class RetentionH2Test extends RetentionContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
