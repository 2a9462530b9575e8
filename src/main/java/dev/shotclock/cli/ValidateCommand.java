package dev.shotclock.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shotclock.config.ConfigException;
import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.HostName;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.quartz.QuartzCron;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", description = "Check a configuration offline (no daemon needed):"
    + " exit 0 valid, 2 invalid with every problem as file:line field: message.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin Shared shared;

  @Override
  public Integer call() {
    Path dir = shared.configDir();
    ObjectNode out = DaemonClient.JSON.createObjectNode();
    try {
      ShotClockConfig cfg = new ConfigLoader(new QuartzCron(), System.getenv(), HostName.of(System.getenv())).load(dir);
      out.put("valid", true).put("workflows", cfg.workflows().size());
      if (!shared.printedJson(out)) {
        shared.println("configuration " + dir + " is valid: " + cfg.workflows().size() + " workflow(s)");
      }
      return ExitCodes.OK;
    } catch (ConfigException e) {
      out.put("valid", false);
      e.lines().forEach(out.putArray("problems")::add);
      if (!shared.printedJson(out)) {
        shared.err.println("configuration " + dir + " is invalid (" + e.problems().size() + " problem(s)):");
        e.lines().forEach(l -> shared.err.println("  " + l));
      }
      return ExitCodes.USAGE;
    }
  }
}
