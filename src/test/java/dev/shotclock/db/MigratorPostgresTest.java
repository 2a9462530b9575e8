package dev.shotclock.db;

import dev.shotclock.testsupport.TestStores;

class MigratorPostgresTest extends MigratorContract {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
