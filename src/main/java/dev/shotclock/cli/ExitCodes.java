package dev.shotclock.cli;

/** The CLI's stable exit codes (DESIGN.md §5). */
final class ExitCodes {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;
  static final int CONFLICT = 4;
  static final int CANCELLED = 130;

  private ExitCodes() {}

  /** How a finished run maps to {@code trigger --wait}'s exit code. */
  static int ofRunState(String state) {
    return switch (state) {
      case "SUCCEEDED", "SUCCEEDED_WITH_WARNINGS" -> OK;
      case "CANCELLED" -> CANCELLED;
      default -> FAILED;
    };
  }
}
