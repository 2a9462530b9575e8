package dev.shotclock.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * A cron trigger. Five fields are Unix cron (minute hour day-of-month month day-of-week, Sunday =
 * 0 or 7); six or seven fields are Quartz cron with seconds (and year).
 *
 * @param jitter each fire starts after a delay in [0, jitter], fixed per slot; zero for none
 */
public record TriggerDef(String cron, ZoneId timezone, Duration jitter) {}
