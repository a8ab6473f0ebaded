package com.coze.timer.bootstrap.bench;

/**
 * Wall-clock time in microseconds since the epoch, read as a fixed wall-clock base plus the
 * monotonic {@link System#nanoTime()} elapsed since: finer than {@code currentTimeMillis} and never
 * stepping back. The service's {@code X-Timer-Scheduled-Time} comes from the same machine's wall
 * clock, so lateness is the difference of two readings of one clock (drift over one run: microseconds).
 */
final class MicroClock {

    private final long baseWallMicros;
    private final long baseNanos;

    MicroClock() {
        java.time.Instant now = java.time.Instant.now();
        this.baseNanos = System.nanoTime();
        this.baseWallMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    long micros() {
        return baseWallMicros + (System.nanoTime() - baseNanos) / 1_000;
    }
}
