package dev.shotclock.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from a JFR recording (JDK 17 has no {@code jfr view hot-methods}): the
 * most sampled top frames, and the most sampled frames of a package prefix anywhere on the stack
 * (what ShotClock code the samples ran under). Usage: {@code JfrHot FILE.jfr [PREFIX] [N]
 * [FROM_EPOCH_MS]}; with FROM, only events from then on (a measurement prints its release time as
 * {@code RELEASE <epoch ms>}, so set-up is left out).
 */
public final class JfrHot {

  private JfrHot() {}

  public static void main(String[] args) throws Exception {
    String prefix = args.length > 1 ? args[1] : "dev.shotclock.";
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    long from = args.length > 3 ? Long.parseLong(args[3]) : 0;
    Map<String, Integer> top = new HashMap<>();
    Map<String, Integer> under = new HashMap<>();
    Map<String, Integer> io = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String type = e.getEventType().getName();
      if (e.getStackTrace() == null || e.getStartTime().toEpochMilli() < from) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        top.merge(name(frames.get(0)), 1, Integer::sum);
        frames.stream().map(JfrHot::name).filter(f -> f.startsWith(prefix)).distinct()
            .forEach(f -> under.merge(f, 1, Integer::sum));
      } else if (type.equals("jdk.FileForce") || type.equals("jdk.SocketRead")
          || type.equals("jdk.FileWrite") || type.equals("jdk.JavaMonitorEnter")
          || type.equals("jdk.ThreadPark")) {
        String own = frames.stream().map(JfrHot::name).filter(f -> f.startsWith(prefix))
            .findFirst().orElse(name(frames.get(0)));
        io.merge(type + " under " + own, (int) e.getDuration().toMillis(), Integer::sum);
      }
    }
    System.out.println(samples + " execution samples in " + args[0]);
    print("top frames (self)", top, samples, n);
    print("frames of " + prefix + " on the stack (inclusive)", under, samples, n);
    System.out.println("blocking (ms summed over threads; first " + prefix + " frame):");
    io.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n).forEach(x -> System.out.printf("  %8d ms  %s%n", x.getValue(), x.getKey()));
  }

  private static void print(String title, Map<String, Integer> m, int total, int n) {
    System.out.println(title + ":");
    m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
        .forEach(x -> System.out.printf("  %5.1f%%  %s%n", 100.0 * x.getValue() / total, x.getKey()));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }
}
