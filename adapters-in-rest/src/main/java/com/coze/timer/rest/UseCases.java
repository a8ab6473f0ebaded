package com.coze.timer.rest;

import com.coze.timer.application.port.in.Authenticate;
import com.coze.timer.application.port.in.CancelTask;
import com.coze.timer.application.port.in.ControlTask;
import com.coze.timer.application.port.in.CountRunningTasks;
import com.coze.timer.application.port.in.CreateTask;
import com.coze.timer.application.port.in.DeleteTask;
import com.coze.timer.application.port.in.GetTask;
import com.coze.timer.application.port.in.ListAllTasks;
import com.coze.timer.application.port.in.ListExecutions;
import com.coze.timer.application.port.in.ListUserTasks;
import com.coze.timer.application.port.in.ManageTokens;
import com.coze.timer.application.port.in.ModifyTask;
import com.coze.timer.application.port.in.ViewCluster;
import com.coze.timer.application.port.in.ViewRecentMetrics;
import java.util.Objects;

/** The application's use cases the REST API calls: every in-port, one component each. */
public record UseCases(
        CreateTask createTask,
        GetTask getTask,
        CancelTask cancelTask,
        DeleteTask deleteTask,
        ModifyTask modifyTask,
        ListUserTasks listUserTasks,
        ListAllTasks listAllTasks,
        CountRunningTasks countRunningTasks,
        ListExecutions listExecutions,
        Authenticate authenticate,
        ManageTokens manageTokens,
        ControlTask controlTask,
        ViewCluster viewCluster,
        ViewRecentMetrics recentMetrics,
        DeadLetterUseCases deadLetters) {

    public UseCases {
        Objects.requireNonNull(createTask, "createTask");
        Objects.requireNonNull(getTask, "getTask");
        Objects.requireNonNull(cancelTask, "cancelTask");
        Objects.requireNonNull(deleteTask, "deleteTask");
        Objects.requireNonNull(modifyTask, "modifyTask");
        Objects.requireNonNull(listUserTasks, "listUserTasks");
        Objects.requireNonNull(listAllTasks, "listAllTasks");
        Objects.requireNonNull(countRunningTasks, "countRunningTasks");
        Objects.requireNonNull(listExecutions, "listExecutions");
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(manageTokens, "manageTokens");
        Objects.requireNonNull(controlTask, "controlTask");
        Objects.requireNonNull(viewCluster, "viewCluster");
        Objects.requireNonNull(recentMetrics, "recentMetrics");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /** These use cases with {@code getTask} in place of this one's. */
    public UseCases withGetTask(GetTask getTask) {
        return new UseCases(createTask, getTask, cancelTask, deleteTask, modifyTask, listUserTasks, listAllTasks,
                countRunningTasks, listExecutions, authenticate, manageTokens, controlTask, viewCluster, recentMetrics, deadLetters);
    }

    /** These use cases with {@code authenticate} in place of this one's. */
    public UseCases withAuthenticate(Authenticate authenticate) {
        return new UseCases(createTask, getTask, cancelTask, deleteTask, modifyTask, listUserTasks, listAllTasks,
                countRunningTasks, listExecutions, authenticate, manageTokens, controlTask, viewCluster, recentMetrics, deadLetters);
    }
}
