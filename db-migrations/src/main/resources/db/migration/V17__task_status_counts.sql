-- The timer_tasks gauge counted tasks by status with a scan of every row (5.7 s at 310,000 stored).
-- These counts, per slot and status, are kept by triggers in the transaction of every insert,
-- delete and status change of a task, whichever statement makes it (the service, the time-fix tool,
-- a bulk load by hand), so the gauge sums at most 1,024 x 6 rows, however many tasks are stored.
-- Per slot, as in cluster mode a slot's fires are written by its one owner: two instances'
-- outcome writes never wait for the same count row. A fire that keeps its task's status (most of
-- them: an interval task stays running) touches no count row. A row reaches zero but stays.
-- On MySQL with binary logging on, creating triggers needs SUPER or log_bin_trust_function_creators=1.
CREATE TABLE task_status_counts (
    slot    INT          NOT NULL,
    status  VARCHAR(16)  NOT NULL,
    total   BIGINT       NOT NULL,
    PRIMARY KEY (slot, status)
);

INSERT INTO task_status_counts (slot, status, total) SELECT slot, status, COUNT(*) FROM tasks GROUP BY slot, status;

CREATE TRIGGER tasks_counted_on_insert AFTER INSERT ON tasks FOR EACH ROW
    INSERT INTO task_status_counts (slot, status, total) VALUES (NEW.slot, NEW.status, 1)
    ON DUPLICATE KEY UPDATE total = total + 1;

CREATE TRIGGER tasks_counted_on_delete AFTER DELETE ON tasks FOR EACH ROW
    UPDATE task_status_counts SET total = total - 1 WHERE slot = OLD.slot AND status = OLD.status;

-- A fire that keeps the status runs only the IF: no statement, no row, no lock.
CREATE TRIGGER tasks_counted_on_update AFTER UPDATE ON tasks FOR EACH ROW
BEGIN
    IF OLD.status <> NEW.status OR OLD.slot <> NEW.slot THEN
        UPDATE task_status_counts SET total = total - 1 WHERE slot = OLD.slot AND status = OLD.status;
        INSERT INTO task_status_counts (slot, status, total) VALUES (NEW.slot, NEW.status, 1)
        ON DUPLICATE KEY UPDATE total = total + 1;
    END IF;
END;
