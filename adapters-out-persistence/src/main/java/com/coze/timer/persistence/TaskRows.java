package com.coze.timer.persistence;

import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.OnceSchedule;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.schedule.Schedules;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.task.TaskTags;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The mapping between a {@link Task} and a {@code tasks} row, shared by the store and the queries.
 *
 * <p>Type, status and method are stored as their API spellings; the schedule as the columns of its
 * kind; headers, body and signing secrets sealed by the {@link SecretBox}, bound to the task id and column. A row is
 * rebuilt through the same domain constructors that validate user input, so a row that breaks their
 * rules (or does not decrypt) is reported as an {@link IllegalStateException}, never as bad input.
 * The {@code fire_*} columns hold the task's {@link PendingFire}, all three set or all NULL; {@code name}
 * and {@code labels} (a JSON object, NULL when empty) its {@link TaskTags}, in clear: they are for
 * finding tasks, not for secrets.
 */
final class TaskRows {

    private static final Logger LOG = Logger.getLogger(TaskRows.class.getName());
    private static final int MAX_UNREADABLE_REPORTED = 10_000;
    /** The unreadable rows already logged (any thread: a concurrent set). */
    private final Set<String> unreadableReported = ConcurrentHashMap.newKeySet();

    /** The columns {@link #read} needs, for {@code SELECT}s. */
    static final String SELECT_COLUMNS = "task_id, user_id, type, status, http_endpoint, http_method, headers_cipher, "
            + "body_cipher, max_retries, backoff_ms, max_backoff_ms, timeout_ms, signing_cipher, interval_seconds, cron_expression, time_zone, stop_condition, start_time, next_run_time, "
            + "execution_count, consecutive_failures, fire_execution_id, fire_scheduled_time, fire_lease_until, "
            + "created_at, updated_at, version, name, labels, failure_callback_url";
    /** The columns {@link #readSummaries} needs: a listing line's, none of them sealed. */
    static final String SUMMARY_COLUMNS = "task_id, user_id, type, status, http_endpoint, http_method, name, labels, "
            + "execution_count, next_run_time, fire_scheduled_time, created_at, updated_at";
    /** The columns a task changes over its life, in the order {@link #bindChanging} binds them. */
    static final String CHANGING_COLUMNS = "type, status, http_endpoint, http_method, headers_cipher, body_cipher, "
            + "max_retries, backoff_ms, max_backoff_ms, timeout_ms, signing_cipher, interval_seconds, cron_expression, time_zone, "
            + "stop_condition, start_time, next_run_time, execution_count, consecutive_failures, fire_execution_id, "
            + "fire_scheduled_time, fire_lease_until, updated_at, name, labels, failure_callback_url";

    private static final String SIGNING = "signing_cipher";

    private final SecretBox secrets;

    TaskRows(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** Binds {@link #CHANGING_COLUMNS} from parameter {@code first} on; returns the next free index. */
    int bindChanging(PreparedStatement statement, int first, Task task) throws SQLException {
        int i = first;
        Schedule schedule = task.schedule();
        Callback callback = task.callback();
        statement.setString(i++, schedule.type().wire());
        statement.setString(i++, task.status().wire());
        i = bindCallback(statement, i, task.id(), callback);
        i = bindDelivery(statement, i, task.id(), callback);
        bindSchedule(statement, i, schedule);
        i += 3;
        statement.setString(i++, ColumnJson.stopCondition(task.stopCondition()).orElse(null));
        Jdbc.setInstant(statement, i++, schedule.startTime());
        Jdbc.setInstant(statement, i++, task.nextRunTime());
        statement.setLong(i++, task.executionCount());
        statement.setInt(i++, task.consecutiveFailures());
        statement.setString(i++, task.pendingFire().map(PendingFire::executionId).orElse(null));
        Jdbc.setInstant(statement, i++, task.pendingFire().map(PendingFire::scheduledTime));
        Jdbc.setInstant(statement, i++, task.pendingFire().map(PendingFire::leaseUntil));
        Jdbc.setInstant(statement, i++, task.updatedAt());
        statement.setString(i++, task.tags().name().orElse(null));
        statement.setString(i++, ColumnJson.labels(task.tags().labels()).orElse(null));
        statement.setString(i++, task.failureCallback().map(URI::toString).orElse(null));
        return i;
    }

    /** Binds {@code callback} as {@code http_endpoint, http_method, headers_cipher, body_cipher} of task {@code id}. */
    int bindCallback(PreparedStatement statement, int first, TaskId id, Callback callback) throws SQLException {
        int i = first;
        statement.setString(i++, callback.endpoint().toString());
        statement.setString(i++, callback.method().name());
        statement.setString(i++, callback.headers().isEmpty() ? null
                : secrets.seal(ColumnJson.headers(callback.headers()), context(id, "headers_cipher")));
        statement.setString(i++, callback.body().map(body -> secrets.seal(body, context(id, "body_cipher"))).orElse(null));
        return i;
    }

    private int bindDelivery(PreparedStatement statement, int first, TaskId id, Callback callback) throws SQLException {
        int i = first;
        Optional<Delivery> delivery = callback.delivery();
        statement.setObject(i++, delivery.map(Delivery::maxRetries).orElse(null), Types.INTEGER);
        statement.setObject(i++, delivery.map(Delivery::backoffMs).orElse(null), Types.BIGINT);
        statement.setObject(i++, delivery.map(Delivery::maxBackoffMs).orElse(null), Types.BIGINT);
        statement.setObject(i++, delivery.map(Delivery::timeoutMs).orElse(null), Types.BIGINT);
        statement.setString(i++, signingText(callback.signing()).map(text -> secrets.seal(text, context(id, SIGNING)))
                .orElse(null));
        return i;
    }

    /**
     * Runs {@code query} and reads the tasks it returns, leaving out a row that cannot be read (it
     * does not decrypt, or breaks the domain's rules), so that one such row does not stop every
     * other task from firing or being listed. Each such task is logged once, with why.
     */
    List<Task> readAll(PreparedStatement query) throws SQLException {
        return readAll(query, this::read);
    }

    /** {@link #readAll(PreparedStatement)} of listing lines, selected with {@link #SUMMARY_COLUMNS} and {@link JdbcExecutionLog#JOINED_COLUMNS}. */
    List<TaskSummary> readSummaries(PreparedStatement query) throws SQLException {
        return readAll(query, TaskRows::summary);
    }

    /** Reads one row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> List<T> readAll(PreparedStatement query, RowReader<T> reader) throws SQLException {
        List<T> read = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                try {
                    read.add(reader.read(row));
                } catch (IllegalStateException e) {
                    reportUnreadable(row.getString("task_id"), e);
                }
            }
        }
        return read;
    }

    private void reportUnreadable(String taskId, IllegalStateException e) {
        if (unreadableReported.size() < MAX_UNREADABLE_REPORTED && unreadableReported.add(taskId)) {
            LOG.warning(e.getMessage() + "; it is left out (it cannot fire) until its row is repaired or deleted");
        }
    }

    /** The task in the current row of {@code row}, selected with {@link #SELECT_COLUMNS}. */
    Task read(ResultSet row) throws SQLException {
        String id = row.getString("task_id");
        try {
            TaskId taskId = parsedId(id);
            return new Task(taskId, row.getLong("user_id"), schedule(row), callback(taskId, row),
                    ColumnJson.stopCondition(row.getString("stop_condition")),
                    TaskStatus.fromWire(row.getString("status"), "status"),
                    row.getLong("execution_count"), row.getInt("consecutive_failures"),
                    Jdbc.instant(row, "next_run_time"), Jdbc.requiredInstant(row, "created_at"),
                    Jdbc.requiredInstant(row, "updated_at"), row.getLong("version"), pendingFire(row), tags(row),
                    Optional.ofNullable(row.getString("failure_callback_url")).map(URI::create));
        } catch (CannotDecrypt e) {
            throw new IllegalStateException("cannot decrypt task " + id + ": wrong TIMER_ENCRYPTION_KEY?", e.getCause());
        } catch (InvalidArgument | IllegalArgumentException | IllegalStateException e) {
            throw unreadable(id, e);
        }
    }

    /**
     * The listing line in the current row, selected with {@link #SUMMARY_COLUMNS} and the joined
     * latest execution: none of the sealed columns is read, so nothing is decrypted.
     */
    private static TaskSummary summary(ResultSet row) throws SQLException {
        String id = row.getString("task_id");
        try {
            TaskId taskId = parsedId(id);
            return new TaskSummary(taskId, row.getLong("user_id"), ScheduleType.fromWire(row.getString("type")),
                    TaskStatus.fromWire(row.getString("status"), "status"), row.getString("http_endpoint"),
                    HttpMethod.fromWire(row.getString("http_method")), tags(row), row.getLong("execution_count"),
                    Jdbc.instant(row, "next_run_time"), Jdbc.instant(row, "fire_scheduled_time"),
                    Jdbc.requiredInstant(row, "created_at"), Jdbc.requiredInstant(row, "updated_at"),
                    JdbcExecutionLog.readJoined(row));
        } catch (InvalidArgument | IllegalArgumentException | IllegalStateException e) {
            throw unreadable(id, e);
        }
    }

    private static TaskId parsedId(String id) {
        return TaskId.parse(id).orElseThrow(() -> new IllegalStateException("task_id is not a UUID"));
    }

    private static IllegalStateException unreadable(String id, RuntimeException e) {
        return new IllegalStateException("task " + id + " has a row this build cannot read: " + e.getMessage(), e);
    }

    private static void bindSchedule(PreparedStatement statement, int first, Schedule schedule) throws SQLException {
        switch (schedule) {
            case IntervalSchedule interval -> bindSchedule(statement, first, interval.interval().toSeconds(), null, null);
            case CronSchedule cron -> bindSchedule(statement, first, null, cron.expression(), cron.zone().getId());
            case OnceSchedule once -> bindSchedule(statement, first, null, null, null);
        }
    }

    private static void bindSchedule(PreparedStatement statement, int first, Long intervalSeconds, String cron, String zone)
            throws SQLException {
        statement.setObject(first, intervalSeconds, Types.BIGINT);
        statement.setString(first + 1, cron);
        statement.setString(first + 2, zone);
    }

    private static Schedule schedule(ResultSet row) throws SQLException {
        ScheduleType type = ScheduleType.fromWire(row.getString("type"));
        return Schedules.of(type, Jdbc.nullableLong(row, "interval_seconds").orElse(null), row.getString("cron_expression"),
                row.getString("time_zone"), Jdbc.instant(row, "start_time").orElse(null));
    }

    private static TaskTags tags(ResultSet row) throws SQLException {
        return new TaskTags(Optional.ofNullable(row.getString("name")), ColumnJson.labels(row.getString("labels")));
    }

    private static Optional<PendingFire> pendingFire(ResultSet row) throws SQLException {
        String executionId = row.getString("fire_execution_id");
        if (executionId == null) {
            return Optional.empty();
        }
        return Optional.of(new PendingFire(executionId, Jdbc.requiredInstant(row, "fire_scheduled_time"),
                Jdbc.requiredInstant(row, "fire_lease_until")));
    }

    /** A task's callback in the current row: its {@link #request} with its delivery settings and signing secrets. */
    Callback callback(TaskId id, ResultSet row) throws SQLException {
        Callback request = request(id, row);
        Optional<Long> retries = Jdbc.nullableLong(row, "max_retries");
        Optional<Delivery> delivery = retries.isEmpty() ? Optional.empty() : Optional.of(new Delivery(retries.get().intValue(),
                row.getLong("backoff_ms"), row.getLong("max_backoff_ms"), row.getLong("timeout_ms")));
        Signing signing = Optional.ofNullable(row.getString(SIGNING)).map(sealed -> signing(open(sealed, id, SIGNING)))
                .orElse(Signing.NONE);
        return new Callback(request.endpoint(), request.method(), request.headers(), request.body(), delivery, signing);
    }

    /**
     * The request alone, as {@link #bindCallback} stored it ({@code http_endpoint, http_method,
     * headers_cipher, body_cipher}): what a dead letter keeps of its task's callback.
     */
    Callback request(TaskId id, ResultSet row) throws SQLException {
        String headers = row.getString("headers_cipher");
        String body = row.getString("body_cipher");
        Map<String, String> headerMap = headers == null ? Map.of() : ColumnJson.headers(open(headers, id, "headers_cipher"));
        Optional<String> bodyText = Optional.ofNullable(body).map(sealed -> open(sealed, id, "body_cipher"));
        return new Callback(URI.create(row.getString("http_endpoint")), HttpMethod.fromWire(row.getString("http_method")),
                headerMap, bodyText);
    }

    /** {@code "<current>"} or {@code "<current> <previous> <previous until, epoch ms>"}; none without a secret. */
    private static Optional<String> signingText(Signing signing) {
        return signing.current().map(current -> signing.previous()
                .map(previous -> current + " " + previous + " " + signing.previousUntil().orElseThrow().toEpochMilli())
                .orElse(current));
    }

    private static Signing signing(String text) {
        String[] parts = text.split(" ");
        if (parts.length == 1) {
            return new Signing(Optional.of(parts[0]), Optional.empty(), Optional.empty());
        }
        if (parts.length != 3) {
            throw new IllegalStateException(SIGNING + " does not hold one or two secrets");
        }
        return new Signing(Optional.of(parts[0]), Optional.of(parts[1]),
                Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[2]))));
    }

    private String open(String sealed, TaskId id, String column) {
        try {
            return secrets.open(sealed, context(id, column));
        } catch (IllegalStateException e) {
            throw new CannotDecrypt(e);
        }
    }

    /** The additional authenticated data of a sealed column: a value opens only in its own row and column. */
    private static String context(TaskId id, String column) {
        return "tasks/" + id + "/" + column;
    }

    /** Marks a decryption failure apart from the other unreadable-row failures. */
    private static final class CannotDecrypt extends RuntimeException {
        CannotDecrypt(IllegalStateException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
