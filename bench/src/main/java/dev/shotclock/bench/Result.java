package dev.shotclock.bench;

import java.util.Map;

/** One measurement's outcome; {@code error} is set (and metrics empty) when it failed. */
public record Result(Measurement measurement, int rep, Map<String, Double> metrics, String error,
    double wallSeconds) {}
