package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.listing.TaskFilter;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A task's optional name and labels: set at create and PATCH, shown everywhere, filtered by in listings. */
@ServerTest
class NamesAndLabelsTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;

    NamesAndLabelsTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void reset() {
        FIXTURE.reset();
    }

    @Test
    void aNameAndLabelsGivenAtCreateAreShownByGetAndInListings() {
        String id = create("nightly-report", "{\"team\":\"reports\",\"env\":\"prod\"}");

        JsonObject task = api.get("/api/v1/tasks/" + id).json();
        assertThat(task.getString("name")).isEqualTo("nightly-report");
        assertThat(task.getJsonObject("labels").toString()).isEqualTo("{\"env\":\"prod\",\"team\":\"reports\"}");
        JsonObject listed = api.get("/api/v1/users/1001/tasks").json().getJsonArray("tasks").getJsonObject(0);
        assertThat(listed.getString("name")).isEqualTo("nightly-report");
        assertThat(listed.getJsonObject("labels")).isEqualTo(task.getJsonObject("labels"));
    }

    @Test
    void aTaskWithoutThemHasANullNameAndNoLabels() {
        JsonObject task = api.get("/api/v1/tasks/" + create(null, null)).json();

        assertThat(task.isNull("name")).isTrue();
        assertThat(task.getJsonObject("labels")).isEmpty();
    }

    @Test
    void patchRenamesReplacesTheLabelsAndNullRemovesThem() {
        String id = create("old", "{\"team\":\"a\"}");

        JsonObject renamed = api.patch("/api/v1/tasks/" + id, "{\"name\":\"new\",\"labels\":{\"team\":\"b\"}}").json();
        assertThat(renamed.getString("name")).isEqualTo("new");
        assertThat(renamed.getJsonObject("labels").getString("team")).isEqualTo("b");

        JsonObject cleared = api.patch("/api/v1/tasks/" + id, "{\"name\":null,\"labels\":null}").json();
        assertThat(cleared.isNull("name")).isTrue();
        assertThat(cleared.getJsonObject("labels")).isEmpty();
        assertThat(api.patch("/api/v1/tasks/" + id, "{\"interval_seconds\":30}").json().isNull("name")).isTrue();
    }

    @Test
    void bothListingsFilterByNamePrefixAndByLabel() {
        create("nightly-report", "{\"team\":\"reports\"}");
        create("nightly-sync", "{\"team\":\"sync\"}");
        create("weekly-report", "{\"team\":\"reports\"}");

        assertThat(names(api, "/api/v1/users/1001/tasks?name=nightly")).containsExactlyInAnyOrder("nightly-report", "nightly-sync");
        assertThat(names(api, "/api/v1/users/1001/tasks?label=team:reports"))
                .containsExactlyInAnyOrder("nightly-report", "weekly-report");
        assertThat(names(api, "/api/v1/users/1001/tasks?name=nightly&label=team:reports")).containsExactly("nightly-report");
        ApiClient admin = api.as(FIXTURE.adminToken);
        assertThat(names(admin, "/api/v1/tasks?name=weekly&label=team:reports")).containsExactly("weekly-report");
        assertThat(admin.get("/api/v1/tasks?label=team:nobody").json().getInt("total")).isZero();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"\"} | name",
        "{\"name\":\"   \"} | name",
        "{\"name\":42} | name",
        "{\"labels\":{\"team\":1}} | labels.team",
        "{\"labels\":[\"team\"]} | labels",
        "{\"labels\":{\"a:b\":\"c\"}} | labels"})
    void badNamesAndLabelsAreA400NamingTheField(String fields, String field) {
        String body = "{\"user_id\":1001,\"type\":\"interval\",\"interval_seconds\":5,"
                + "\"http_endpoint\":\"https://api.example.com/x\"," + fields.substring(1);

        assertError(api.post("/api/v1/tasks", body), 400, "invalid_argument", field);
    }

    @Test
    void aNameOverTwoHundredCharactersOrMoreThanTwentyLabelsAreRefused() {
        String base = "{\"user_id\":1001,\"type\":\"interval\",\"interval_seconds\":5,\"http_endpoint\":\"https://api.example.com/x\",";
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            labels.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }

        assertError(api.post("/api/v1/tasks", base + "\"name\":\"" + "n".repeat(201) + "\"}"), 400, "invalid_argument", "name");
        assertError(api.post("/api/v1/tasks", base + "\"labels\":" + labels + "}}"), 400, "invalid_argument", "labels");
        assertThat(FIXTURE.store.count(TaskFilter.all())).isZero();
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/users/1001/tasks?label=team, label", "/api/v1/users/1001/tasks?label=:x, label",
        "/api/v1/users/1001/tasks?label=a%20b:x, label"})
    void aLabelFilterThatIsNotKeyColonValueIsA400(String path, String field) {
        assertError(api.get(path), 400, "invalid_argument", field);
    }

    private String create(String name, String labels) {
        String body = "{\"user_id\":1001,\"type\":\"interval\",\"interval_seconds\":5,\"http_endpoint\":\"https://api.example.com/x\""
                + (name == null ? "" : ",\"name\":\"" + name + "\"") + (labels == null ? "" : ",\"labels\":" + labels) + "}";
        ApiClient.Reply reply = api.post("/api/v1/tasks", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().getString("task_id");
    }

    private static List<String> names(ApiClient client, String path) {
        return client.get(path).json().getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .map(task -> task.getString("name")).toList();
    }
}
