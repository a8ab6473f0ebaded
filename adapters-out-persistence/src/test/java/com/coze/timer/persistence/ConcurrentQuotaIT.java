package com.coze.timer.persistence;

import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.CreateTaskCommand;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.task.CreateTaskService;
import com.coze.timer.application.task.TaskPolicy;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskTags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The per-user quota under concurrent creates against a real MariaDB: 30 creates of one user at
 * once, spread over two instances' connection pools, leave exactly the quota's worth of active tasks.
 */
class ConcurrentQuotaIT {

    private static final int QUOTA = 5;
    private static final int CREATES = 30;
    private static final long USER = 4242;

    @Test
    void thirtyParallelCreatesMakeNoMoreActiveTasksThanTheQuota() throws Exception {
        String url = TestDatabase.freshDatabase();
        try (JdbcPersistence one = TestDatabase.open(url, TestDatabase.KEY, Clock.systemUTC());
             JdbcPersistence two = TestDatabase.open(url, TestDatabase.KEY, Clock.systemUTC())) {
            List<CreateTaskService> instances = List.of(service(one), service(two));
            ExecutorService threads = Executors.newFixedThreadPool(CREATES);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Result<Task>>> results = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                CreateTaskService instance = instances.get(i % 2);
                results.add(threads.submit(() -> {
                    start.await();
                    return instance.create(command());
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Result<Task>> result : results) {
                created += result.get().isOk() ? 1 : 0;
            }
            threads.shutdown();

            System.out.println(CREATES + " parallel creates with TIMER_TASKS_MAX_ACTIVE=" + QUOTA + ": " + created + " created, "
                    + one.taskQueries().countActiveByUser(USER) + " active");
            assertThat(created).isEqualTo(QUOTA);
            assertThat(one.taskQueries().countActiveByUser(USER)).isEqualTo(QUOTA);
        }
    }

    private static CreateTaskService service(JdbcPersistence db) {
        return new CreateTaskService(db.taskStore(), db.taskQueries(), ScheduleChanges.NONE, new TaskPolicy(false, QUOTA),
                Clock.systemUTC());
    }

    private static CreateTaskCommand command() {
        Task shape = aTask().interval(60).build();
        return new CreateTaskCommand(new Caller(USER, false), USER, shape.schedule(), shape.callback(), shape.stopCondition(),
                TaskTags.NONE, java.util.Optional.empty());
    }
}
