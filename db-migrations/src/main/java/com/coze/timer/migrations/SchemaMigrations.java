package com.coze.timer.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a MySQL or MariaDB schema up to the version this build expects, using the Flyway
 * migrations under {@code db/migration}. Safe to call on every start: applied migrations are
 * skipped, and concurrent callers are serialised by Flyway's own lock.
 *
 * <p>A schema that already holds every migration of this build, each with the checksum Flyway
 * recorded for it, is left alone without starting Flyway: Flyway's own start (its plugins and
 * configuration classes) takes seconds, most of a restart. Anything else (a new database, a
 * pending, failed, changed or unknown migration) goes to Flyway, which migrates or reports it.
 */
public final class SchemaMigrations {

    private static final String HISTORY = "SELECT version, script, checksum, success FROM flyway_schema_history"
            + " WHERE version IS NOT NULL";

    private SchemaMigrations() {
    }

    /** Applies every pending migration and returns how many were applied. */
    public static int migrate(DataSource dataSource) {
        if (isCurrent(dataSource)) {
            return 0;
        }
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + MigrationScripts.LOCATION)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /**
     * Whether the schema's history lists exactly this build's migrations, all applied successfully
     * and unchanged since (same script name and checksum): then there is nothing to migrate or report.
     */
    public static boolean isCurrent(DataSource dataSource) {
        Map<String, MigrationScripts.Script> expected = MigrationScripts.onClassPath();
        Map<String, MigrationScripts.Script> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(HISTORY)) {
            while (row.next()) {
                if (!row.getBoolean("success")) {
                    return false;
                }
                applied.put(row.getString("version"), new MigrationScripts.Script(row.getString("script"), row.getInt("checksum")));
            }
        } catch (SQLException noHistoryYet) {
            return false; // a new database: Flyway creates the history
        }
        return applied.equals(expected);
    }
}
