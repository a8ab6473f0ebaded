package com.coze.timer.bootstrap;

import com.coze.timer.application.delivery.DeleteDeadLetterService;
import com.coze.timer.application.delivery.ListDeadLettersService;
import com.coze.timer.application.delivery.RedriveDeadLetterService;
import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.rest.DeadLetterUseCases;
import com.coze.timer.application.auth.TokenService;
import com.coze.timer.application.port.in.ViewCluster;
import com.coze.timer.application.port.in.ViewRecentMetrics;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.application.task.CancelTaskService;
import com.coze.timer.application.task.ControlTaskService;
import com.coze.timer.application.task.CountRunningTasksService;
import com.coze.timer.application.task.CreateTaskService;
import com.coze.timer.application.task.DeleteTaskService;
import com.coze.timer.application.task.GetTaskService;
import com.coze.timer.application.task.ListExecutionsService;
import com.coze.timer.application.task.ListAllTasksService;
import com.coze.timer.application.task.ListUserTasksService;
import com.coze.timer.application.task.ModifyTaskService;
import com.coze.timer.application.task.TaskPolicy;
import com.coze.timer.persistence.JdbcPersistence;
import com.coze.timer.rest.UseCases;
import java.time.Clock;
import java.time.Duration;

/** Builds the use cases over the stores, by plain {@code new}. */
final class UseCaseWiring {

    private UseCaseWiring() {
    }

    /** The use cases; {@code store} is where task writes go (the database, or the cluster's cache in front of it). */
    static UseCases useCases(TaskStore store, JdbcPersistence db, ScheduleChanges changes, TokenService tokens, TaskPolicy policy,
                             Clock clock, Duration lease, ViewCluster cluster, ViewRecentMetrics recentMetrics,
                             CallbackSender sender) {
        return new UseCases(
                new CreateTaskService(store, db.taskQueries(), changes, policy, clock),
                new GetTaskService(store, clock),
                new CancelTaskService(store, changes, clock),
                new DeleteTaskService(store, changes),
                new ModifyTaskService(store, changes, policy, clock),
                new ListUserTasksService(db.taskQueries(), clock),
                new ListAllTasksService(db.taskQueries(), clock),
                new CountRunningTasksService(db.taskQueries(), clock),
                new ListExecutionsService(store, db.executionLog()),
                tokens,
                tokens,
                new ControlTaskService(store, changes, clock, lease),
                cluster,
                recentMetrics,
                new DeadLetterUseCases(new ListDeadLettersService(db.deadLetters()),
                        new RedriveDeadLetterService(db.deadLetters(), sender, store, db.executionLog(), clock, policy.delivery()),
                        new DeleteDeadLetterService(db.deadLetters())));
    }
}
