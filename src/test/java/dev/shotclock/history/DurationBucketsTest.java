package dev.shotclock.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DurationBucketsTest {

  @Test
  void below_16_ms_every_duration_is_its_own_bucket() {
    LongStream.range(0, 16).forEach(ms -> {
      assertThat(DurationBuckets.of(ms)).isEqualTo((int) ms);
      assertThat(DurationBuckets.midpoint((int) ms)).isEqualTo(ms);
    });
  }

  @Test
  void a_duration_lies_in_its_bucket_and_the_midpoint_is_within_about_3_percent() {
    long[] samples = {16, 17, 31, 32, 33, 999, 1000, 1001, 59_999, 90_000, 3_600_000, 86_400_000,
        7L * 86_400_000, 365L * 86_400_000, Long.MAX_VALUE / 3};
    for (long ms : samples) {
      int b = DurationBuckets.of(ms);
      assertThat(DurationBuckets.lowerBound(b)).as("lower bound of %d", ms).isLessThanOrEqualTo(ms);
      assertThat(DurationBuckets.lowerBound(b + 1)).as("next bucket of %d", ms).isGreaterThan(ms);
      long mid = DurationBuckets.midpoint(b);
      assertThat(Math.abs(mid - ms) / (double) ms).as("error of %d", ms).isLessThanOrEqualTo(1 / 32.0 + 1e-9);
    }
  }

  @Test
  void buckets_grow_with_the_duration_without_gaps() {
    int previous = DurationBuckets.of(0);
    for (long ms = 1; ms < 5_000_000; ms += ms / 7 + 1) {
      int b = DurationBuckets.of(ms);
      assertThat(b).isGreaterThanOrEqualTo(previous);
      assertThat(DurationBuckets.lowerBound(b)).isLessThanOrEqualTo(ms);
      previous = b;
    }
    for (int b = 1; b < 600; b++) {
      assertThat(DurationBuckets.lowerBound(b)).isGreaterThan(DurationBuckets.lowerBound(b - 1));
      assertThat(DurationBuckets.of(DurationBuckets.lowerBound(b))).isEqualTo(b);
    }
  }

  @Test
  void a_negative_duration_counts_as_zero() {
    assertThat(DurationBuckets.of(-5)).isZero();
  }
}
