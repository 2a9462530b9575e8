package dev.shotclock.adce;

import dev.shotclock.testsupport.TestStores;

class ReconcileH2Test extends ReconcileContract {

  @Override
  TestStores.Kind store() {
    return TestStores.Kind.H2;
  }
}
