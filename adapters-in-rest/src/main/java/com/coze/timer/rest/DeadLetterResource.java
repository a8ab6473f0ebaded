package com.coze.timer.rest;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.DeadLetterQuery;
import com.coze.timer.application.port.in.PageRequest;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/dead-letters/{dead_letter_id}} (redrive, delete) and
 * {@code /api/v1/users/{user_id}/dead-letters} (list): a user sees only theirs, an admin all.
 */
final class DeadLetterResource implements HttpService {

    private final DeadLetterUseCases useCases;
    private final Callers callers;

    DeadLetterResource(DeadLetterUseCases useCases, Callers callers) {
        this.useCases = useCases;
        this.callers = callers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{deadLetterId}/redrive", this::redrive)
                .delete("/{deadLetterId}", this::delete);
    }

    void listOfUser(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        DeadLetterQuery query = new DeadLetterQuery(caller, QueryParams.userId(req), QueryParams.limit(req, PageRequest.DEFAULT_LIMIT),
                QueryParams.offset(req), req.query().first("cursor").asOptional().map(Cursors::parseDeadLetter));
        Responses.send(res, useCases.list().list(query), Status.OK_200, DeadLetterJson::page);
    }

    private void redrive(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.redrive().redrive(caller, id(req)), Status.ACCEPTED_202, DeadLetterJson::redriving);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = callers.of(req);
        Responses.send(res, useCases.delete().delete(caller, id(req)), Status.OK_200,
                deleted -> Responses.success("Dead letter deleted"));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("deadLetterId");
    }
}
