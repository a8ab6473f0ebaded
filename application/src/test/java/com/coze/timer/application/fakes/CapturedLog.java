package com.coze.timer.application.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines one java.util.logging logger writes while a test runs: attach in a {@code @BeforeEach},
 * {@link #close()} in an {@code @AfterEach}.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
    }

    public static CapturedLog of(String loggerName) {
        CapturedLog log = new CapturedLog(Logger.getLogger(loggerName));
        log.logger.setLevel(Level.ALL);
        log.logger.addHandler(log);
        return log;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines containing {@code text}. */
    public List<String> linesWith(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
