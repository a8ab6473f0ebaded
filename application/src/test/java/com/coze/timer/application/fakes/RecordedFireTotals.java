package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.FireTotals;
import java.util.ArrayList;
import java.util.List;

/**
 * A fire counter and a cumulative lateness histogram (bounds in ms) kept in memory, as the meter
 * registry keeps them: {@link #fire} records fires, {@link #read} reads them back.
 * Threading: one test thread.
 */
public final class RecordedFireTotals implements FireTotals {

    private final double[] boundsMs;
    private final long[] cumulative;
    private long fires;

    public RecordedFireTotals(double... boundsMs) {
        this.boundsMs = boundsMs.clone();
        this.cumulative = new long[boundsMs.length];
    }

    /** {@code times} fires, each {@code latenessMs} late. */
    public void fire(double latenessMs, int times) {
        fires += times;
        for (int i = 0; i < boundsMs.length; i++) {
            if (latenessMs <= boundsMs[i]) {
                cumulative[i] += times;
            }
        }
    }

    @Override
    public Totals read() {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < boundsMs.length; i++) {
            buckets.add(new Bucket(boundsMs[i], cumulative[i]));
        }
        return new Totals(fires, buckets, fires);
    }
}
