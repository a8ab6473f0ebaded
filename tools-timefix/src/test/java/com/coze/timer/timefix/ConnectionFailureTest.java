package com.coze.timer.timefix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConnectionFailureTest {

    private final DatabaseTarget target = new DatabaseTarget("db.example", 13306, "coze_timer", "root", null);

    @Test
    void accessDeniedPointsAtUserAndPassword() {
        SQLException denied = new SQLException("Access denied for user 'root'@'10.0.0.7' (using password: YES)",
                "28000", 1045);

        assertThat(ConnectionFailure.describe(target, denied)).isEqualTo(
                "cannot connect to db.example:13306/coze_timer as root: access denied "
                        + "(check --user and TIMEFIX_PASSWORD)");
    }

    @Test
    void aRefusedConnectionAsksWhetherTheDatabaseRuns() {
        SQLException refused = new SQLException("Communications link failure\n\nThe last packet sent ...",
                "08S01", 0, new ConnectException("Connection refused"));

        assertThat(ConnectionFailure.describe(target, refused))
                .startsWith("cannot connect to db.example:13306/coze_timer as root: connection refused")
                .doesNotContain("\n");
    }

    @Test
    void anUnknownDatabaseIsNamedAsSuch() {
        SQLException unknown = new SQLException("Unknown database 'coze_timer'", "42000", 1049);

        assertThat(ConnectionFailure.describe(target, unknown)).endsWith("no such database (check --database)");
    }

    @Test
    void anyOtherFailureKeepsOnlyTheFirstLineOfTheDriverMessage() {
        SQLException other = new SQLException("Something odd\nat line two", "HY000", 9999);

        assertThat(ConnectionFailure.describe(target, other)).endsWith(": Something odd");
    }

    @Test
    void aJdbcUrlIsDescribedWithoutSchemeAndParameters() {
        DatabaseTarget byUrl = new DatabaseTarget("ignored", 1, "ignored", "admin",
                "jdbc:mysql://127.0.0.1:3306/timer?password=secret&connectTimeout=5000");

        assertThat(byUrl.describe()).isEqualTo("127.0.0.1:3306/timer");
    }
}
