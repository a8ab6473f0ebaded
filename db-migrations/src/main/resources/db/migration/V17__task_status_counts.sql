-- The timer_tasks gauge counted tasks by status with a scan of every row (811 ms at 1,000,000
-- stored). Now triggers append a change (status, +1 or -1) to task_status_changes in the
-- transaction of every insert, delete and status change of a task, whichever statement makes it
-- (the service, the time-fix tool, a bulk load by hand), and the gauge folds the changes into
-- task_status_counts, one row per status, when it reads them (JdbcTaskQueries.countByStatus): its
-- cost follows the changes since its last read, not the tasks stored.
-- Appended, not counted in place: a count row updated by every writer is locked by each until it
-- commits, and two batches that change tasks of two statuses in opposite orders deadlock. New
-- rows of an auto-increment key lock nothing another writer waits for. A fire that keeps its
-- task's status (an interval task stays running) runs only the update trigger's IF.
-- On MySQL with binary logging on, creating triggers needs SUPER or log_bin_trust_function_creators=1.
CREATE TABLE task_status_counts (
    status  VARCHAR(16)  NOT NULL PRIMARY KEY,
    total   BIGINT       NOT NULL
);

CREATE TABLE task_status_changes (
    change_id  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    status     VARCHAR(16)  NOT NULL,
    delta      INT          NOT NULL
);

-- Every status has its row, so that the gauge's fold can lock them all (folds queue; writers never wait).
INSERT INTO task_status_counts (status, total)
VALUES ('pending', 0), ('running', 0), ('completed', 0), ('failed', 0), ('stopped', 0), ('paused', 0);
INSERT INTO task_status_counts (status, total) SELECT status, COUNT(*) FROM tasks GROUP BY status
ON DUPLICATE KEY UPDATE total = VALUES(total);

CREATE TRIGGER tasks_counted_on_insert AFTER INSERT ON tasks FOR EACH ROW
    INSERT INTO task_status_changes (status, delta) VALUES (NEW.status, 1);

CREATE TRIGGER tasks_counted_on_delete AFTER DELETE ON tasks FOR EACH ROW
    INSERT INTO task_status_changes (status, delta) VALUES (OLD.status, -1);

CREATE TRIGGER tasks_counted_on_update AFTER UPDATE ON tasks FOR EACH ROW
BEGIN
    IF OLD.status <> NEW.status THEN
        INSERT INTO task_status_changes (status, delta) VALUES (OLD.status, -1), (NEW.status, 1);
    END IF;
END;
