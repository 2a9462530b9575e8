package dev.shotclock.config;

/**
 * The loopback admin API.
 *
 * @param port TCP port; 0 picks a free one (written to {@code var/admin.port})
 * @param metricsOpen whether {@code GET /metrics} may be scraped without the token
 */
public record AdminSettings(String bind, int port, boolean metricsOpen) {}
