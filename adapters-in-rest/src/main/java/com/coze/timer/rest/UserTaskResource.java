package com.coze.timer.rest;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.port.in.ListTasksQuery;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** {@code /api/v1/users/{user_id}/tasks}: a user's tasks, and how many of them are running. */
final class UserTaskResource implements HttpService {

    private final UseCases useCases;
    private final Callers callers;

    UserTaskResource(UseCases useCases, Callers callers) {
        this.useCases = useCases;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{userId}/tasks", this::list)
                .get("/{userId}/tasks/running-count", this::runningCount);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        TaskFilter filter = QueryParams.filter(req, Optional.of(QueryParams.userId(req)));
        ListTasksQuery query = new ListTasksQuery(caller, filter, QueryParams.page(req));
        Responses.send(res, useCases.listUserTasks().list(query), Status.OK_200, TaskJson::page);
    }

    private void runningCount(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.countRunningTasks().count(caller, QueryParams.userId(req)), Status.OK_200,
                TaskJson::runningCount);
    }
}
