package com.coze.timer.migrations;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a MySQL or MariaDB schema up to the version this build expects, using the Flyway
 * migrations under {@code db/migration}. Safe to call on every start: applied migrations are
 * skipped, and concurrent callers are serialised by Flyway's own lock.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /** Applies every pending migration and returns how many were applied. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
