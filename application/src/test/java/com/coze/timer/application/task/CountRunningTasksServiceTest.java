package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.application.fakes.TaskStates.firedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.port.in.RunningCount;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CountRunningTasksServiceTest {

    private final ManualClock clock = ManualClock.at("2026-04-22T14:30:45.123456Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final CountRunningTasksService service = new CountRunningTasksService(store, clock);

    @Test
    void countsOnlyRunningTasksAsOfNow() {
        running(aTask().build());
        running(aTask().build());
        store.put(aTask().build());
        running(aTask().ownedBy(2002).build());

        RunningCount count = service.count(new Caller(1001, false), 1001).orElseThrow();

        assertThat(count).isEqualTo(new RunningCount(1001, 2, Instant.parse("2026-04-22T14:30:45.123Z")));
    }

    @Test
    void countingAnotherUsersTasksIsForbidden() {
        assertThat(rejectionOf(service.count(new Caller(1001, false), 2002)).code()).isEqualTo(Rejection.Code.FORBIDDEN);
    }

    private void running(Task task) {
        store.put(firedOnce(task, clock.instant()));
    }
}
