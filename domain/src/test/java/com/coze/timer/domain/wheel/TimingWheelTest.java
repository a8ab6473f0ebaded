package com.coze.timer.domain.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimingWheelTest {

    private static final long START_MS = 1_000_000;

    private final List<String> fired = new ArrayList<>();
    private final Map<String, Long> firedAtMs = new HashMap<>();

    @Test
    void entriesExpireInOrderOfTheirExpiration() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        wheel.add("c", START_MS + 30);
        wheel.add("a", START_MS + 3);
        wheel.add("d", START_MS + 400);
        wheel.add("b", START_MS + 19);

        advanceMsByMs(wheel, START_MS + 500);

        assertThat(fired).containsExactly("a", "b", "c", "d");
        assertThat(firedAtMs).containsEntry("a", START_MS + 3).containsEntry("b", START_MS + 19)
                .containsEntry("c", START_MS + 30).containsEntry("d", START_MS + 400);
    }

    @Test
    void entriesBeyondTheFirstRingFireOnTheirMillisecondFromOverflowRings() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        wheel.add("in a second", START_MS + 1_000);
        wheel.add("in 500 seconds", START_MS + 500_000);

        advanceMsByMs(wheel, START_MS + 600_000);

        assertThat(firedAtMs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "in a second", START_MS + 1_000,
                "in 500 seconds", START_MS + 500_000));
    }

    @Test
    void aCancelledEntryNeverFiresAndLeavesTheCount() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        TimerEntry<String> cancelled = wheel.add("cancelled", START_MS + 5_000);
        wheel.add("kept", START_MS + 5_000);

        assertThat(cancelled.cancel()).isTrue();

        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(wheel.size()).isEqualTo(1);
        wheel.advanceClock(START_MS + 10_000, fired::add);
        assertThat(fired).containsExactly("kept");
    }

    @Test
    void cancellingTwiceReturnsFalseTheSecondTime() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        TimerEntry<String> entry = wheel.add("x", START_MS + 10);

        assertThat(entry.cancel()).isTrue();
        assertThat(entry.cancel()).isFalse();
        assertThat(wheel.size()).isZero();
    }

    @Test
    void anExpiredEntryCanNoLongerBeCancelled() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        TimerEntry<String> entry = wheel.add("x", START_MS + 10);
        wheel.advanceClock(START_MS + 10, fired::add);

        assertThat(entry.cancel()).isFalse();
        assertThat(entry.isCancelled()).isFalse();
        assertThat(fired).containsExactly("x");
    }

    @Test
    void anEntryAlreadyDueIsNotScheduledAndAddSaysSo() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        wheel.advanceClock(START_MS + 100, fired::add);

        assertThat(wheel.add("now", START_MS + 100)).isNull();
        assertThat(wheel.add("past", START_MS + 50)).isNull();
        assertThat(wheel.add("next ms", START_MS + 101)).isNotNull();
        assertThat(wheel.size()).isEqualTo(1);
    }

    @Test
    void advancingFarAheadInOneCallFiresEverythingDueInOrder() {
        TimingWheel<Long> wheel = new TimingWheel<>(1, 8, START_MS);
        List<Long> expirations = List.of(700_000L, 3L, 64L, 9L, 65L, 512L, 40_000L, 8L, 4_096L, 1L);
        expirations.forEach(offset -> wheel.add(offset, START_MS + offset));
        wheel.add(900_000L, START_MS + 900_000);
        List<Long> inOrder = new ArrayList<>();

        wheel.advanceClock(START_MS + 800_000, inOrder::add);

        assertThat(inOrder).isSorted().containsExactlyInAnyOrderElementsOf(expirations);
        assertThat(wheel.size()).isEqualTo(1);
    }

    @Test
    void aCoarseTickDelaysAnEntryToItsTickButNeverFiresItEarly() {
        TimingWheel<String> wheel = new TimingWheel<>(10, 20, 0);
        wheel.add("x", 105);

        wheel.advanceClock(105, fired::add);
        assertThat(fired).isEmpty();

        wheel.advanceClock(110, fired::add);
        assertThat(fired).containsExactly("x");
    }

    @ParameterizedTest(name = "tick {0} ms")
    @ValueSource(longs = {1, 7})
    void aHundredThousandRandomEntriesFireExactlyOnceNeverEarlyAndAtMostOneTickLate(long tickMs) {
        Random random = new Random(42);
        TimingWheel<Integer> wheel = new TimingWheel<>(tickMs, 16, 0);
        long[] expirationMs = new long[100_000];
        List<TimerEntry<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < expirationMs.length; i++) {
            expirationMs[i] = 1 + random.nextLong(3_000_000);
            entries.add(wheel.add(i, expirationMs[i]));
        }
        int[] timesFired = new int[expirationMs.length];
        long[] previousNow = {0};
        long[] now = {0};

        while (wheel.size() > 0) {
            now[0] += 1 + random.nextLong(2 * tickMs + 500);
            wheel.advanceClock(now[0], i -> {
                timesFired[i]++;
                assertThat(expirationMs[i]).as("never early").isLessThanOrEqualTo(now[0]);
                assertThat(previousNow[0]).as("at most one tick late: at the first call on or after its tick")
                        .isLessThan(Math.ceilDiv(expirationMs[i], tickMs) * tickMs);
            });
            previousNow[0] = now[0];
        }

        assertThat(timesFired).containsOnly(1);
        assertThat(entries).noneMatch(TimerEntry::cancel);
        assertThat(wheel.nextExpirationMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizeCountsOnlyEntriesNeitherCancelledNorExpired() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        assertThat(wheel.size()).isZero();
        wheel.add("expires", START_MS + 1);
        TimerEntry<String> cancelled = wheel.add("cancelled", START_MS + 2);
        wheel.add("pending", START_MS + 100_000);
        wheel.add("already due", START_MS);
        assertThat(wheel.size()).isEqualTo(3);

        cancelled.cancel();
        wheel.advanceClock(START_MS + 10, fired::add);

        assertThat(wheel.size()).isEqualTo(1);
    }

    @Test
    void nextExpirationIsTheStartOfTheEarliestQueuedBucket() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        assertThat(wheel.nextExpirationMs()).isEqualTo(Long.MAX_VALUE);

        wheel.add("later", START_MS + 15);
        wheel.add("sooner", START_MS + 12);
        assertThat(wheel.nextExpirationMs()).isEqualTo(START_MS + 12);

        wheel.advanceClock(START_MS + 12, fired::add);
        assertThat(wheel.nextExpirationMs()).isEqualTo(START_MS + 15);
        wheel.advanceClock(START_MS + 15, fired::add);
        assertThat(wheel.nextExpirationMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theExpiredCallbackMayScheduleTheNextOccurrence() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, 0);
        List<Long> firings = new ArrayList<>();
        long[] now = {0};
        wheel.add("every 30 ms", 30);

        for (now[0] = 1; now[0] <= 100; now[0]++) {
            wheel.advanceClock(now[0], payload -> {
                firings.add(now[0]);
                wheel.add(payload, now[0] + 30);
            });
        }

        assertThat(firings).containsExactly(30L, 60L, 90L);
        assertThat(wheel.size()).isEqualTo(1);
    }

    @Test
    void aCallbackThatThrowsLosesNoOtherEntry() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        for (String payload : List.of("a", "boom", "b", "c")) {
            wheel.add(payload, START_MS + 5);
        }

        assertThatThrownBy(() -> wheel.advanceClock(START_MS + 5, payload -> {
            if (payload.equals("boom")) {
                throw new IllegalStateException(payload);
            }
            fired.add(payload);
        })).hasMessage("boom");
        wheel.advanceClock(START_MS + 5, fired::add);

        assertThat(fired).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(wheel.size()).isZero();
    }

    @Test
    void timeNeverMovesBackwards() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        wheel.advanceClock(START_MS + 100, fired::add);
        wheel.advanceClock(START_MS + 50, fired::add);

        assertThat(wheel.add("x", START_MS + 80)).isNull();
    }

    @Test
    void anEntryAtTheEndOfTimeWaitsWithoutOverflowingTheRings() {
        TimingWheel<String> wheel = new TimingWheel<>(1, 20, START_MS);
        TimerEntry<String> never = wheel.add("never", Long.MAX_VALUE);

        wheel.advanceClock(Long.MAX_VALUE / 2, fired::add);

        assertThat(fired).isEmpty();
        assertThat(wheel.size()).isEqualTo(1);
        assertThat(never.cancel()).isTrue();
    }

    @Test
    void cancelsFromAnotherThreadAndExpiriesNeverBothWin() throws InterruptedException {
        TimingWheel<Integer> wheel = new TimingWheel<>(1, 16, 0);
        int count = 50_000;
        List<TimerEntry<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(wheel.add(i, 1 + i % 5_000));
        }
        Set<Integer> cancelled = new HashSet<>(); // read after join()
        CountDownLatch start = new CountDownLatch(1);
        Thread canceller = Thread.ofPlatform().start(() -> {
            awaitQuietly(start);
            for (int i = count - 1; i >= 0; i -= 2) {
                if (entries.get(i).cancel()) {
                    cancelled.add(i);
                }
            }
        });
        List<Integer> expired = new ArrayList<>();

        start.countDown();
        for (long now = 1; now <= 5_000; now++) {
            wheel.advanceClock(now, expired::add);
        }
        canceller.join();

        Set<Integer> expiredAndCancelled = new HashSet<>(expired);
        expiredAndCancelled.retainAll(cancelled);
        assertThat(expiredAndCancelled).isEmpty();
        assertThat(expired).doesNotHaveDuplicates();
        assertThat(expired.size() + cancelled.size()).isEqualTo(count);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void rejectsAWheelThatCannotWork() {
        assertThatThrownBy(() -> new TimingWheel<>(0, 20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimingWheel<>(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimingWheel<>(1, 20, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private void advanceMsByMs(TimingWheel<String> wheel, long untilMs) {
        for (long now = START_MS + 1; now <= untilMs; now++) {
            long firedAt = now;
            wheel.advanceClock(now, payload -> {
                fired.add(payload);
                firedAtMs.put(payload, firedAt);
            });
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
