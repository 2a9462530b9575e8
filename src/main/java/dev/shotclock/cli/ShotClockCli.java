package dev.shotclock.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/shotclock}: the operator CLI. Every verb but {@code validate} talks to the daemon's
 * admin API. Exit codes: 0 ok, 1 failed or unhealthy, 2 usage or invalid configuration, 3 daemon
 * not reachable, 4 conflict, 5 not found ({@code stats}), 130 cancelled.
 */
@Command(name = "shotclock", mixinStandardHelpOptions = true,
    versionProvider = ShotClockCli.Version.class,
    description = "Operate a ShotClock daemon.",
    subcommands = {StatusCommand.class, HealthCommand.class, WorkflowsCommand.class,
        RunsCommand.class, ShowCommand.class, LogsCommand.class, TriggerCommand.class,
        CancelCommand.class, RetryCommand.class, PauseCommand.class, ResumeCommand.class,
        MissedCommand.class, WhyCommand.class, StatsCommand.class, BackfillCommand.class, AuditCommand.class,
        EventsCommand.class, TasksCommand.class, EnqueueCommand.class, RequeueCommand.class,
        ImportGapsCommand.class, ReconciliationCommand.class,
        ReloadCommand.class, ValidateCommand.class})
public final class ShotClockCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cli = new CommandLine(new ShotClockCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof CliException ce) {
        if (!ce.getMessage().isEmpty()) {
          cmd.getErr().println("shotclock: " + ce.getMessage());
        }
        return ce.exitCode();
      }
      cmd.getErr().println("shotclock: " + e);
      return ExitCodes.FAILED;
    });
    cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    return cli.execute(globalsAfterVerb(args));
  }

  /**
   * Lets the global options come before the verb too ({@code shotclock --config DIR --json runs}),
   * as operators write them: they are moved behind the verb, where each verb declares them.
   */
  static String[] globalsAfterVerb(String... args) {
    List<String> globals = new ArrayList<>();
    int i = 0;
    while (i < args.length && args[i].startsWith("-")) {
      String a = args[i];
      if (a.equals("--config") && i + 1 < args.length) {
        globals.add(a);
        globals.add(args[i + 1]);
        i += 2;
      } else if (a.startsWith("--config=") || a.equals("--json") || a.equals("-q") || a.equals("--quiet")) {
        globals.add(a);
        i++;
      } else {
        return args;
      }
    }
    if (globals.isEmpty() || i >= args.length) {
      return args;
    }
    List<String> out = new ArrayList<>();
    out.add(args[i]);
    out.addAll(globals);
    out.addAll(Arrays.asList(args).subList(i + 1, args.length));
    return out.toArray(String[]::new);
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ShotClockCli.class.getPackage().getImplementationVersion();
      return new String[] {"shotclock " + (v != null ? v : "dev")};
    }
  }
}
