package dev.shotclock.watchdog;

import java.util.List;

/** A self-healing action, run by the watchdog on every tick. */
public interface Repair {

  String name();

  /** Finds and repairs what is broken; returns one sentence per repair done (each becomes an event). */
  List<String> runOnce();
}
