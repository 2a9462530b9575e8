package dev.shotclock.history;

/**
 * Log-linear buckets of run durations in milliseconds, the form in which pruned runs keep their
 * durations (sc_run_daily_durations): 0 to 15 ms exactly, then 16 buckets per power of two. A
 * bucket is at most 1/16 of its lower bound wide, so its midpoint is within about 3 % of any
 * duration in it, whether that was a second or a day; a day of a workflow needs a few dozen rows at
 * most, however many runs it had.
 */
final class DurationBuckets {

  /** Sub-buckets per power of two: 2^4. */
  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;

  private DurationBuckets() {}

  /** The bucket of a duration; a negative one (clocks of two nodes apart) counts as 0. */
  static int of(long millis) {
    long v = Math.max(0, millis);
    if (v < SUB) {
      return (int) v;
    }
    int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
    long top = v >>> shift; // 16..31: the leading five bits
    return shift * SUB + (int) top;
  }

  /** The smallest duration in the bucket. */
  static long lowerBound(int bucket) {
    if (bucket < SUB) {
      return bucket;
    }
    int shift = bucket / SUB - 1;
    long top = bucket - (long) shift * SUB;
    return top << shift;
  }

  /** The middle of the bucket: what a pruned run's duration reads as. */
  static long midpoint(int bucket) {
    if (bucket < SUB) {
      return bucket;
    }
    int shift = bucket / SUB - 1;
    return lowerBound(bucket) + ((1L << shift) >>> 1);
  }
}
