package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.in.ListTasksQuery;
import com.coze.timer.application.port.in.PageRequest;
import com.coze.timer.application.port.in.TaskPage;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListUserTasksServiceTest {

    private static final Caller OWNER = new Caller(1001, false);

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    private final ListUserTasksService service = new ListUserTasksService(store, clock);

    @Test
    void listsTheUsersTasksNewestFirstWithTheTotal() {
        Task older = store.put(aTask().createdAt("2026-04-22T09:00:00Z").build());
        Task newer = store.put(aTask().createdAt("2026-04-22T09:30:00Z").build());
        store.put(aTask().ownedBy(2002).build());

        TaskPage page = service.list(query(OWNER, 1001, Optional.empty(), PageRequest.first(50))).orElseThrow();

        assertThat(page.tasks()).extracting(TaskSummary::id).containsExactly(newer.id(), older.id());
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.request()).isEqualTo(PageRequest.first(50));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void filtersByStatus() {
        store.put(aTask().build());
        Task stopped = store.put(aTask().build().cancel(Instant.parse("2026-04-22T10:01:00Z")).orElseThrow());

        TaskPage page = service.list(query(OWNER, 1001, Optional.of(TaskStatus.STOPPED), PageRequest.first(50))).orElseThrow();

        assertThat(page.tasks()).extracting(TaskSummary::id).containsExactly(stopped.id());
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void pagesWithLimitAndOffsetWhileTheTotalCountsAllMatches() {
        fiveTasks();

        TaskPage page = service.list(query(OWNER, 1001, Optional.empty(), new PageRequest(2, 2, Optional.empty()))).orElseThrow();

        assertThat(page.tasks()).extracting(TaskSummary::createdAt)
                .containsExactly(Instant.parse("2026-04-22T09:12:00Z"), Instant.parse("2026-04-22T09:11:00Z"));
        assertThat(page.total()).isEqualTo(5);
    }

    @Test
    void aCursorPagesThroughEveryTaskOnceAndTheLastPageHasNoNext() {
        fiveTasks();

        TaskPage first = service.list(query(OWNER, 1001, Optional.empty(), PageRequest.first(2))).orElseThrow();
        TaskPage second = service.list(query(OWNER, 1001, Optional.empty(), new PageRequest(2, 0, first.next()))).orElseThrow();
        TaskPage last = service.list(query(OWNER, 1001, Optional.empty(), new PageRequest(2, 0, second.next()))).orElseThrow();

        assertThat(first.tasks()).extracting(TaskSummary::createdAt)
                .containsExactly(Instant.parse("2026-04-22T09:14:00Z"), Instant.parse("2026-04-22T09:13:00Z"));
        assertThat(second.tasks()).extracting(TaskSummary::createdAt)
                .containsExactly(Instant.parse("2026-04-22T09:12:00Z"), Instant.parse("2026-04-22T09:11:00Z"));
        assertThat(last.tasks()).extracting(TaskSummary::createdAt).containsExactly(Instant.parse("2026-04-22T09:10:00Z"));
        assertThat(last.next()).isEmpty();
        assertThat(last.total()).isEqualTo(5);
    }

    @Test
    void aClaimedFireNotYetSentIsTheNextRunTimeShownNotTheOccurrenceAfterIt() {
        Task task = aTask().interval(20).build();
        Instant claimedAt = task.nextRunTime().orElseThrow().minusSeconds(3);
        Task claimed = store.put(task.claimNextFire("exec-1", claimedAt.plusSeconds(60), claimedAt).orElseThrow());
        clock.set(claimedAt);

        TaskPage page = service.list(query(OWNER, 1001, Optional.empty(), PageRequest.first(50))).orElseThrow();

        assertThat(claimed.nextRunTime()).isNotEqualTo(task.nextRunTime());
        assertThat(page.nextFire(page.tasks().getFirst())).isEqualTo(task.nextRunTime());
    }

    @Test
    void listingAnotherUsersTasksIsForbidden() {
        Rejection rejection = rejectionOf(service.list(query(OWNER, 2002, Optional.empty(), PageRequest.first(50))));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.FORBIDDEN);
        assertThat(rejection.field()).isEqualTo("user_id");
    }

    @Test
    void anAdminListsAnyUsersTasks() {
        store.put(aTask().ownedBy(2002).build());

        assertThat(service.list(query(new Caller(0, true), 2002, Optional.empty(), PageRequest.first(50)))
                .orElseThrow().total()).isEqualTo(1);
    }

    @Test
    void aLimitAboveFiveHundredANegativeOffsetOrACursorWithAnOffsetIsInvalid() {
        assertThatThrownBy(() -> PageRequest.first(501))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> new PageRequest(50, -1, Optional.empty()))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("offset"));
        Task task = store.put(aTask().build());
        assertThatThrownBy(() -> new PageRequest(50, 1, Optional.of(TaskCursor.after(TaskSummary.of(task, Optional.empty())))))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    private void fiveTasks() {
        for (int minute = 10; minute < 15; minute++) {
            store.put(aTask().createdAt("2026-04-22T09:" + minute + ":00Z").build());
        }
    }

    static ListTasksQuery query(Caller caller, long userId, Optional<TaskStatus> status, PageRequest page) {
        return new ListTasksQuery(caller, TaskFilter.ofUser(userId, status), page);
    }
}
