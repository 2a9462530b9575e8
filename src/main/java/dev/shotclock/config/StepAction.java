package dev.shotclock.config;

import java.util.List;

/** What a step does. Each kind is one record. */
public sealed interface StepAction {

  /** The kind's YAML key, used in messages. */
  String kind();

  /**
   * An external process from an argv list (never a shell string). Arguments may use {@code
   * ${param.NAME}}, replaced at run time.
   */
  record Run(List<String> argv) implements StepAction {
    public Run {
      argv = List.copyOf(argv);
    }

    @Override
    public String kind() {
      return "run";
    }
  }
}
