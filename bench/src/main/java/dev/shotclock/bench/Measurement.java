package dev.shotclock.bench;

/**
 * One thing to measure: a scenario, the system under test, its store ("h2", "pg", or "-" for
 * none), a size (triggers, tasks, steps, workflows) and a duration where the scenario has one.
 */
public record Measurement(String scenario, String system, String store, int size, int seconds) {

  static Measurement parse(String[] args) {
    return new Measurement(args[0], args[1], args[2], Integer.parseInt(args[3]),
        Integer.parseInt(args[4]));
  }

  String[] args() {
    return new String[] {scenario, system, store, Integer.toString(size), Integer.toString(seconds)};
  }

  /** The comparison group: the same scenario, store and size, any system. */
  String group() {
    return scenario + " " + store + " " + size;
  }

  String label() {
    return scenario + "/" + system + "/" + store + "/" + size;
  }
}
