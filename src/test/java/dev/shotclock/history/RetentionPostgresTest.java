package dev.shotclock.history;

import dev.shotclock.testsupport.TestStores;

class RetentionPostgresTest extends RetentionContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
