package com.coze.timer.rest;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.port.in.CreateTaskCommand;
import com.coze.timer.application.port.in.ListExecutions;
import com.coze.timer.application.port.in.ListTasksQuery;
import com.coze.timer.application.port.in.TaskPatch;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/tasks}: create a task, list all tasks (admin tokens), and show, modify, cancel,
 * pause, resume, run and delete one, rotate its signing secret, and list its executions. Each handler authenticates, reads the
 * request, calls one use case and maps its result.
 */
final class TaskResource implements HttpService {

    private final UseCases useCases;
    private final Callers callers;
    private final JsonBodies bodies;

    TaskResource(UseCases useCases, Callers callers, JsonBodies bodies) {
        this.useCases = useCases;
        this.callers = callers;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::listAll)
                .get("/{taskId}", this::get)
                .patch("/{taskId}", this::modify)
                .delete("/{taskId}", this::delete)
                .put("/{taskId}/cancel", this::cancel)
                .put("/{taskId}/pause", this::pause)
                .put("/{taskId}/resume", this::resume)
                .post("/{taskId}/run", this::run)
                .post("/{taskId}/signing-secret", this::rotateSigningSecret)
                .get("/{taskId}/executions", this::executions);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        CreateTaskCommand command = CreateTaskRequest.parse(bodies.readObject(req), caller);
        Responses.send(res, useCases.createTask().create(command), Status.CREATED_201, TaskJson::created);
    }

    private void listAll(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        TaskFilter filter = QueryParams.filter(req, QueryParams.userIdFilter(req));
        Responses.send(res, useCases.listAllTasks().list(new ListTasksQuery(caller, filter, QueryParams.page(req))),
                Status.OK_200, TaskJson::page);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.getTask().get(caller, QueryParams.taskId(req)), Status.OK_200, TaskJson::task);
    }

    private void modify(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        TaskPatch patch = TaskPatchRequest.parse(bodies.readObject(req));
        String taskId = QueryParams.taskId(req);
        // answered with the task as GET shows it, latest execution included
        Responses.send(res, useCases.modifyTask().modify(caller, taskId, patch)
                .flatMap(modified -> useCases.getTask().get(caller, taskId)), Status.OK_200, TaskJson::task);
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.cancelTask().cancel(caller, QueryParams.taskId(req)), Status.OK_200,
                stopped -> Responses.success("Task stopped successfully"));
    }

    private void pause(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.controlTask().pause(caller, QueryParams.taskId(req)), Status.OK_200,
                paused -> Responses.success("Task paused successfully"));
    }

    private void resume(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.controlTask().resume(caller, QueryParams.taskId(req)), Status.OK_200, TaskJson::resumed);
    }

    private void run(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.controlTask().run(caller, QueryParams.taskId(req)), Status.ACCEPTED_202, TaskJson::runTriggered);
    }

    private void rotateSigningSecret(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.modifyTask().rotateSigningSecret(caller, QueryParams.taskId(req)), Status.OK_200,
                TaskJson::rotated);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.deleteTask().delete(caller, QueryParams.taskId(req)), Status.OK_200,
                deleted -> Responses.success("Task deleted permanently"));
    }

    private void executions(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        int limit = QueryParams.limit(req, ListExecutions.DEFAULT_LIMIT);
        Responses.send(res, useCases.listExecutions().list(caller, QueryParams.taskId(req), limit, QueryParams.before(req)),
                Status.OK_200, records -> ExecutionJson.history(records, limit));
    }
}
