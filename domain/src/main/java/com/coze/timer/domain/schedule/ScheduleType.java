package com.coze.timer.domain.schedule;

import com.coze.timer.domain.InvalidArgument;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The three kinds of schedule, with the names the API uses. */
public enum ScheduleType {
    INTERVAL("interval"),
    ONCE("once"),
    CRON("cron");

    private final String wire;

    ScheduleType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses the API spelling; an unknown or missing name is an {@link InvalidArgument} on {@code type}. */
    public static ScheduleType fromWire(String name) {
        for (ScheduleType t : values()) {
            if (t.wire.equals(name)) {
                return t;
            }
        }
        String allowed = Arrays.stream(values()).map(ScheduleType::wire).collect(Collectors.joining(", "));
        throw new InvalidArgument("type", name == null
                ? "type is required (one of " + allowed + ")"
                : "type must be one of " + allowed + ", not '" + name + "'");
    }
}
