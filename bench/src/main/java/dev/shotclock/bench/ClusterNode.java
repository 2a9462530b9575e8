package dev.shotclock.bench;

import dev.shotclock.config.DependsOn;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.StepDef;
import dev.shotclock.config.SuccessRules;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.daemon.Daemon;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.workflow.Admission;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of the cluster scenario, in a process of its own: a real daemon ({@link ShotClockNode},
 * {@code Daemon.start}) with {@code cluster.enabled} on the measurement's PostgreSQL schema,
 * driven by the coordinator ({@link Cluster}) through stdin. Usage:
 * {@code ClusterNode URL USER NODE_ID DIR WORKFLOWS SLEEP_ARG}: WORKFLOWS workflows without
 * steps ({@code c-0} ...), or, with SLEEP_ARG other than "-", one workflow {@code slow} whose one
 * step is {@code /bin/sleep SLEEP_ARG} (crash policy rerun). Commands, each answered by
 * {@code BENCH OK <command>}: {@code standby}, {@code resume}, {@code launch N} (N launches
 * round-robin over the workflows, due in a day, for the release UPDATE), {@code launchnow N}
 * (due now), {@code stop}.
 */
public final class ClusterNode {

  private ClusterNode() {}

  static String clusterYaml(Duration checkin) {
    return "cluster:\n  enabled: true\n  checkin_interval: " + checkin.toSeconds() + "s\n"
        + "  max_clock_skew: 1s\n";
  }

  public static void main(String[] args) throws Exception {
    BenchStore store = new BenchStore("pg", args[0], args[1], null, Path.of(args[3]));
    String nodeId = args[2];
    Path dir = Path.of(args[3]);
    int workflows = Integer.parseInt(args[4]);
    String sleep = args[5];
    List<WorkflowDef> wfs = new ArrayList<>();
    if (sleep.equals("-")) {
      for (int i = 0; i < workflows; i++) {
        wfs.add(ShotClockNode.noopWorkflow("c-" + i, List.of()));
      }
    } else {
      StepDef step = new StepDef("sleep", new StepAction.Run(List.of("/bin/sleep", sleep)), null,
          Map.of(), null, null, true, DependsOn.NONE, List.of(), RetrySpec.NONE, SuccessRules.DEFAULT, null);
      wfs.add(ShotClockNode.workflow("slow", List.of(), List.of(step)));
    }
    ShotClockNode node = ShotClockNode.start(store, dir, wfs, nodeId,
        clusterYaml(Duration.ofSeconds(Integer.getInteger("bench.cluster.checkin", 5))));
    Daemon d = node.daemon();
    say("READY " + nodeId);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] c = line.trim().split(" ");
      switch (c[0]) {
        case "standby" -> d.quartz().standby();
        case "resume" -> d.quartz().resumeFiring();
        case "launch", "launchnow" -> {
          Instant at = c[0].equals("launch") ? Instant.now().plus(Duration.ofDays(1)) : Instant.now();
          int n = Integer.parseInt(c[1]);
          for (int i = 0; i < n; i++) {
            WorkflowDef wf = wfs.get(i % wfs.size());
            Admission.Decision decision = d.engine().admission().admitRequest(wf,
                TriggerKind.MANUAL, Map.of(), null, "bench", null);
            d.quartz().launcher().launchAt(wf.id(), decision.runId(), at);
          }
        }
        case "stop" -> {
          node.close();
          say("OK stop");
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("no command " + line);
      }
      say("OK " + c[0]);
    }
    // stdin closed: the coordinator is gone
    System.exit(1);
  }

  private static void say(String s) {
    System.out.println("BENCH " + s);
    System.out.flush();
  }
}
