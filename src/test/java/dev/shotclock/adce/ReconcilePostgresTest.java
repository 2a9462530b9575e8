package dev.shotclock.adce;

import dev.shotclock.testsupport.TestStores;

class ReconcilePostgresTest extends ReconcileContract {

  @Override
  TestStores.Kind store() {
    return TestStores.Kind.POSTGRES;
  }
}
