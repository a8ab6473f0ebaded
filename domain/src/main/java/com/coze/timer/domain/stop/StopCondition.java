package com.coze.timer.domain.stop;

import com.coze.timer.domain.InvalidArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task's {@code stop_condition}: an optional {@code max_cnt} and any number of response-field
 * matches (the seed's {@code "finsh": true}). It turns into a list of {@link StopPolicy}s.
 */
public record StopCondition(Optional<Long> maxCount, List<FieldMatch> fieldMatches) {

    public static final String MAX_COUNT_KEY = "max_cnt";
    public static final StopCondition NONE = new StopCondition(Optional.empty(), List.of());

    public StopCondition {
        maxCount = maxCount == null ? Optional.empty() : maxCount;
        maxCount.ifPresent(max -> InvalidArgument.require(max >= 1, "stop_condition.max_cnt",
                "stop_condition.max_cnt must be >= 1"));
        fieldMatches = List.copyOf(fieldMatches == null ? List.of() : fieldMatches);
    }

    public List<StopPolicy> policies() {
        List<StopPolicy> policies = new ArrayList<>();
        maxCount.ifPresent(max -> policies.add(StopPolicy.maxCount(max)));
        fieldMatches.forEach(match -> policies.add(StopPolicy.responseField(match)));
        return policies;
    }

    /** True when any policy is met after the execution described by {@code facts}. */
    public boolean isMetBy(StopPolicy.ExecutionFacts facts) {
        return policies().stream().anyMatch(policy -> policy.isMet(facts));
    }

    public boolean isEmpty() {
        return maxCount.isEmpty() && fieldMatches.isEmpty();
    }
}
