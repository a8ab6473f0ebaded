package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.migrations.SchemaMigrations;
import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** The restart's shortcut past Flyway is taken only on a schema that has every migration, unchanged. */
class SchemaMigrationsIT {

    @Test
    void aMigratedSchemaIsCurrentAndNeedsNoFlyway() {
        try (JdbcPersistence db = TestDatabase.open(TestDatabase.freshDatabase(), TestDatabase.KEY, Clock.systemUTC())) {
            assertThat(SchemaMigrations.isCurrent(db.dataSource()))
                    .as("every script's checksum matches the one Flyway recorded").isTrue();
            assertThat(SchemaMigrations.migrate(db.dataSource())).isZero();
        }
    }

    @Test
    void aNewDatabaseIsNotCurrentAndIsMigrated() {
        String url = TestDatabase.freshDatabase().replaceFirst("/it_[0-9a-f]+\\?", "/new_" + UUID.randomUUID().toString().replace("-", "") + "?");
        try (JdbcPersistence db = TestDatabase.open(url, TestDatabase.KEY, Clock.systemUTC())) {
            assertThat(SchemaMigrations.isCurrent(db.dataSource())).isFalse();
            assertThat(SchemaMigrations.migrate(db.dataSource())).isGreaterThan(5);
            assertThat(SchemaMigrations.isCurrent(db.dataSource())).isTrue();
        }
    }

    @Test
    void aChangedMigrationGoesToFlywayWhichRefusesIt() {
        try (JdbcPersistence db = TestDatabase.open(TestDatabase.freshDatabase(), TestDatabase.KEY, Clock.systemUTC())) {
            RawSql.update(db.dataSource(), "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

            assertThat(SchemaMigrations.isCurrent(db.dataSource())).isFalse();
            assertThatThrownBy(() -> SchemaMigrations.migrate(db.dataSource())).isInstanceOf(FlywayException.class)
                    .hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void aPendingMigrationIsNotCurrent() {
        try (JdbcPersistence db = TestDatabase.open(TestDatabase.freshDatabase(), TestDatabase.KEY, Clock.systemUTC())) {
            RawSql.update(db.dataSource(), "DELETE FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1");

            assertThat(SchemaMigrations.isCurrent(db.dataSource())).isFalse();
        }
    }
}
