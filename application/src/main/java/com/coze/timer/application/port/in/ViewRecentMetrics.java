package com.coze.timer.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** This instance's fires per second and fire lateness over the last minutes, step by step. */
public interface ViewRecentMetrics {

    RecentMetrics recent();

    /**
     * What happened between the sample before {@code at} and the one at {@code at}: fires per
     * second, and the lateness quantiles of those fires in milliseconds (empty when none fired).
     */
    record Step(Instant at, double firesPerSecond, OptionalDouble latenessP50Ms, OptionalDouble latenessP99Ms) {
    }

    /**
     * The steps, oldest first, each {@code step} long (about: the sampler's pace), covering at most
     * {@code window}; {@code lastMinute} the same figures over the last minute of samples, absent
     * before two samples exist.
     */
    record RecentMetrics(Duration step, Duration window, List<Step> steps, Optional<Step> lastMinute) {

        public RecentMetrics {
            steps = List.copyOf(steps);
        }
    }
}
