package dev.shotclock.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One child process to run: an argv list (never a shell string), its working directory and its
 * complete environment.
 *
 * @param timeout per try; null = none
 */
public record ProcessSpec(List<String> argv, Path cwd, Map<String, String> environment, Duration timeout) {

  public ProcessSpec {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
  }
}
