package com.coze.timer.persistence;

import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.task.TaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupedInsertsTest {

    @Test
    void concurrentCallersOfOneUserAreWrittenInGroupsOneGroupAtATimeAndEachGetsItsOwnAnswer() throws Exception {
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<TaskId> written = ConcurrentHashMap.newKeySet();
        GroupedInserts inserts = new GroupedInserts(group -> {
            if (writing.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            sizes.add(group.size());
            sleep(2);
            // every other task is refused, by its position in the whole sequence of writes
            group.forEach(waiter -> waiter.inserted(written.add(waiter.task.id()) && written.size() % 2 == 0));
            writing.decrementAndGet();
        });
        int callers = 16;
        int each = 50;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            results.add(threads.submit(() -> {
                start.await();
                int inserted = 0;
                for (int i = 0; i < each; i++) {
                    inserted += inserts.insert(aTask().user(7).build(), 1_000_000) ? 1 : 0;
                }
                return inserted;
            }));
        }
        start.countDown();
        int inserted = 0;
        for (Future<Integer> result : results) {
            inserted += result.get();
        }
        threads.shutdown();

        assertThat(written).hasSize(callers * each);
        assertThat(inserted).isEqualTo(callers * each / 2);
        assertThat(overlaps).as("groups of one user written at once").hasValue(0);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, GroupedInserts.MAX_GROUP));
        assertThat(sizes.size()).as("groups, for %s inserts", callers * each).isLessThan(callers * each);
    }

    @Test
    void aFailedGroupFailsItsCallersAndTheNextCallerStillLeads() {
        AtomicInteger calls = new AtomicInteger();
        GroupedInserts inserts = new GroupedInserts(group -> {
            if (calls.incrementAndGet() == 1) {
                throw new PersistenceException("database failure while inserting", null);
            }
            group.forEach(waiter -> waiter.inserted(true));
        });

        assertThatThrownBy(() -> inserts.insert(aTask().build(), 10)).isInstanceOf(PersistenceException.class);
        assertThat(inserts.insert(aTask().build(), 10)).isTrue();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
