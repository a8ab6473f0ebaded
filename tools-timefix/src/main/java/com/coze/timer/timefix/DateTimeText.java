package com.coze.timer.timefix;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** How the tool writes a DATETIME(3) value, in reports and in SQL literals alike. */
final class DateTimeText {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private DateTimeText() {
    }

    /** {@code 2025-02-28 09:30:00.125}, or {@code NULL} for no value. */
    static String of(LocalDateTime value) {
        return value == null ? "NULL" : FORMAT.format(value);
    }
}
