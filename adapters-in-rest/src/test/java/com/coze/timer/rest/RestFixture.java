package com.coze.timer.rest;

import com.coze.timer.application.auth.TokenService;
import com.coze.timer.application.delivery.DeleteDeadLetterService;
import com.coze.timer.application.delivery.ListDeadLettersService;
import com.coze.timer.application.delivery.RedriveDeadLetterService;
import com.coze.timer.application.fakes.InMemoryApiTokens;
import com.coze.timer.application.fakes.InMemoryDeadLetters;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.RecordedFireTotals;
import com.coze.timer.application.metrics.RecentFireMetrics;
import com.coze.timer.application.fakes.RecordingScheduleChanges;
import com.coze.timer.application.task.CancelTaskService;
import com.coze.timer.application.cluster.ViewClusterService;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.application.task.ControlTaskService;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.application.task.CountRunningTasksService;
import com.coze.timer.application.task.CreateTaskService;
import com.coze.timer.application.task.DeleteTaskService;
import com.coze.timer.application.task.GetTaskService;
import com.coze.timer.application.task.ListExecutionsService;
import com.coze.timer.application.task.ListAllTasksService;
import com.coze.timer.application.task.ListUserTasksService;
import com.coze.timer.application.task.ModifyTaskService;
import com.coze.timer.application.task.TaskPolicy;
import io.helidon.webserver.http.HttpRouting;

/**
 * The real application services over in-memory fakes, behind the real REST API: what a test class
 * serves. Users 1001 and 2002 each hold a token, and so does an admin.
 */
final class RestFixture {

    static final long USER = 1001;
    static final long OTHER_USER = 2002;
    static final int QUOTA = 50;

    final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    final InMemoryExecutionLog log = new InMemoryExecutionLog();
    final InMemoryTaskStore store = new InMemoryTaskStore(log);
    final RecordingScheduleChanges changes = new RecordingScheduleChanges();
    final InMemoryApiTokens tokens = new InMemoryApiTokens();
    final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    final RecordedFireTotals fires = new RecordedFireTotals(1, 5, 10, 50, 100);
    final RecentFireMetrics recentMetrics = new RecentFireMetrics(fires, clock);
    final TokenService tokenService = new TokenService(tokens, clock);
    final String userToken = tokenService.mint(USER, false, "user");
    final String otherToken = tokenService.mint(OTHER_USER, false, "other user");
    final String adminToken = tokenService.mint(0, true, "admin");

    UseCases useCases() {
        TaskPolicy policy = new TaskPolicy(false, QUOTA);
        return new UseCases(
                new CreateTaskService(store, store, changes, policy, clock),
                new GetTaskService(store, clock),
                new CancelTaskService(store, changes, clock),
                new DeleteTaskService(store, changes),
                new ModifyTaskService(store, changes, policy, clock),
                new ListUserTasksService(store, clock),
                new ListAllTasksService(store, clock),
                new CountRunningTasksService(store, clock),
                new ListExecutionsService(store, log),
                tokenService,
                tokenService,
                new ControlTaskService(store, changes, clock, java.time.Duration.ofMinutes(3)),
                new ViewClusterService(SlotOwnership.everything(Slots.STORED), false),
                recentMetrics,
                new DeadLetterUseCases(new ListDeadLettersService(deadLetters), new RedriveDeadLetterService(deadLetters, sender, store, log, clock, Delivery.CONTRACT),
                        new DeleteDeadLetterService(deadLetters)));
    }

    void routing(HttpRouting.Builder routing) {
        RestApi.routing(routing, useCases(), RestConfig.DEFAULT);
    }

    /** Forgets every task and execution (the tokens stay). */
    void reset() {
        store.clear();
        deadLetters.clear();
        log.clear();
        changes.clear();
        clock.set(java.time.Instant.parse("2026-04-22T10:00:00Z"));
    }
}
