package com.coze.timer.application.metrics;

import com.coze.timer.application.port.out.FireTotals.Bucket;
import com.coze.timer.application.port.out.FireTotals.Totals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The q-quantile of the observations made between two readings of a cumulative histogram, estimated
 * as Prometheus' {@code histogram_quantile} does over a {@code rate}: the bucket deltas are taken,
 * the bucket holding rank {@code q × total} found, and the value interpolated linearly within it
 * (the first bucket starting at 0). A rank in the {@code +Inf} bucket gives the highest finite bound.
 */
public final class HistogramQuantile {

    private HistogramQuantile() {
    }

    /** The estimate in the buckets' unit; empty when nothing was observed between {@code from} and {@code to}. */
    public static OptionalDouble between(double q, Totals from, Totals to) {
        long total = to.observed() - from.observed();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        Map<Double, Long> before = new HashMap<>();
        from.buckets().forEach(b -> before.put(b.upperMs(), b.cumulative()));
        double rank = q * total;
        double lower = 0;
        long below = 0;
        List<Bucket> buckets = to.buckets();
        for (Bucket bucket : buckets) {
            long count = bucket.cumulative() - before.getOrDefault(bucket.upperMs(), 0L);
            if (count >= rank) {
                return OptionalDouble.of(lower + (bucket.upperMs() - lower) * ((rank - below) / Math.max(count - below, 1e-9)));
            }
            lower = bucket.upperMs();
            below = count;
        }
        return OptionalDouble.of(lower);
    }
}
