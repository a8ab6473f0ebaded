package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.in.ListTasksQuery;
import com.coze.timer.application.port.in.PageRequest;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListAllTasksServiceTest {

    private static final Caller ADMIN = new Caller(0, true);

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final ListAllTasksService service = new ListAllTasksService(store, ManualClock.at("2026-04-22T10:00:00Z"));

    @Test
    void anAdminSeesTheTasksOfEveryUserNewestFirst() {
        Task mine = store.put(aTask().ownedBy(1001).createdAt("2026-04-22T09:00:00Z").build());
        Task theirs = store.put(aTask().ownedBy(2002).createdAt("2026-04-22T09:30:00Z").build());

        assertThat(service.list(all(TaskFilter.all())).orElseThrow().tasks())
                .extracting(TaskSummary::id).containsExactly(theirs.id(), mine.id());
    }

    @Test
    void anAdminFiltersByUserAndStatus() {
        store.put(aTask().ownedBy(1001).build());
        Task stopped = store.put(aTask().ownedBy(2002).build().cancel(Instant.parse("2026-04-22T10:01:00Z")).orElseThrow());
        store.put(aTask().ownedBy(2002).build());

        var page = service.list(all(new TaskFilter(Optional.of(2002L), Optional.of(TaskStatus.STOPPED), Optional.empty(), Optional.empty()))).orElseThrow();

        assertThat(page.tasks()).extracting(TaskSummary::id).containsExactly(stopped.id());
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void aUserTokenIsForbidden() {
        store.put(aTask().ownedBy(1001).build());

        Rejection rejection = rejectionOf(service.list(new ListTasksQuery(new Caller(1001, false),
                new TaskFilter(Optional.of(1001L), Optional.empty(), Optional.empty(), Optional.empty()), PageRequest.first(50))));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.FORBIDDEN);
    }

    private static ListTasksQuery all(TaskFilter filter) {
        return new ListTasksQuery(ADMIN, filter, PageRequest.first(50));
    }
}
