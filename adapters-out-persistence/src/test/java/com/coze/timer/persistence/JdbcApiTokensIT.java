package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.port.out.ApiTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcApiTokensIT {

    private static final Instant CREATED = Instant.parse("2026-04-22T08:00:00.042Z");
    private static JdbcPersistence persistence;
    private static ApiTokens tokens;

    @BeforeAll
    static void openDatabase() {
        persistence = TestDatabase.freshPersistence(Clock.systemUTC());
        tokens = persistence.apiTokens();
    }

    @AfterAll
    static void closeDatabase() {
        persistence.close();
    }

    @Test
    void aNewDatabaseHasNoTokens() {
        try (JdbcPersistence fresh = TestDatabase.freshPersistence(Clock.systemUTC())) {
            assertThat(fresh.apiTokens().count()).isZero();
        }
    }

    @Test
    void savedTokensAreCountedAndFoundByTheirHash() {
        long before = tokens.count();
        ApiToken user = new ApiToken("a".repeat(64), 1001, false, Optional.of("ci"), CREATED);
        ApiToken admin = new ApiToken("b".repeat(64), 0, true, Optional.empty(), CREATED);

        tokens.save(user);
        tokens.save(admin);

        assertThat(tokens.count()).isEqualTo(before + 2);
        assertThat(tokens.findByHash("a".repeat(64))).contains(user);
        assertThat(tokens.findByHash("b".repeat(64))).contains(admin);
    }

    @Test
    void anUnknownHashFindsNothing() {
        assertThat(tokens.findByHash("c".repeat(64))).isEmpty();
    }

    @Test
    void savingTheSameHashTwiceIsAFailure() {
        ApiToken token = new ApiToken("d".repeat(64), 7, false, Optional.empty(), CREATED);
        tokens.save(token);

        assertThatThrownBy(() -> tokens.save(token)).isInstanceOf(PersistenceException.class);
    }
}
