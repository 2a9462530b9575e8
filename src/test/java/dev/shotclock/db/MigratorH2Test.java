package dev.shotclock.db;

import dev.shotclock.testsupport.TestStores;

class MigratorH2Test extends MigratorContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
