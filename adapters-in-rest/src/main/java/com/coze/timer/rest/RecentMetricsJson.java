package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.application.port.in.ViewRecentMetrics.RecentMetrics;
import com.coze.timer.application.port.in.ViewRecentMetrics.Step;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.OptionalDouble;

/**
 * This instance's recent fire metrics as the API shows them: {@code {"step_seconds":5,
 * "window_seconds":900, "steps":[{"at":…,"fires_per_second":…,"lateness_p50_ms":…,"lateness_p99_ms":…}],
 * "last_minute":{…}}}, a quantile {@code null} where nothing fired, {@code last_minute} left out
 * before two samples exist. Figures are rounded to a thousandth.
 */
final class RecentMetricsJson {

    private RecentMetricsJson() {
    }

    static JsonObject of(RecentMetrics metrics) {
        JsonArrayBuilder steps = JSON.createArrayBuilder();
        metrics.steps().forEach(step -> steps.add(step(step)));
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("step_seconds", metrics.step().toSeconds())
                .add("window_seconds", metrics.window().toSeconds())
                .add("steps", steps);
        metrics.lastMinute().ifPresent(step -> json.add("last_minute", step(step)));
        return json.build();
    }

    private static JsonObjectBuilder step(Step step) {
        return JSON.createObjectBuilder()
                .add("at", Times.format(step.at()))
                .add("fires_per_second", JSON.createValue(rounded(step.firesPerSecond())))
                .add("lateness_p50_ms", ms(step.latenessP50Ms()))
                .add("lateness_p99_ms", ms(step.latenessP99Ms()));
    }

    private static JsonValue ms(OptionalDouble value) {
        return value.isPresent() ? JSON.createValue(rounded(value.getAsDouble())) : JsonValue.NULL;
    }

    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
