package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.port.out.ApiTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
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
        ApiToken user = tokens.save(ApiToken.fresh("a".repeat(64), 1001, false, Optional.of("ci"), CREATED, Optional.empty()));
        ApiToken admin = tokens.save(ApiToken.fresh("b".repeat(64), 0, true, Optional.empty(), CREATED,
                Optional.of(CREATED.plusSeconds(3600))));

        assertThat(tokens.count()).isEqualTo(before + 2);
        assertThat(user.tokenId()).isPositive();
        assertThat(admin.tokenId()).isGreaterThan(user.tokenId());
        assertThat(tokens.findByHash("a".repeat(64))).contains(user);
        assertThat(tokens.findByHash("b".repeat(64))).contains(admin);
        assertThat(tokens.findById(admin.tokenId())).contains(admin);
    }

    @Test
    void aRevokedTokenKeepsItsRowWithTheRevocationTimeAndIsRevokedOnce() {
        ApiToken token = tokens.save(ApiToken.fresh("e".repeat(64), 3003, false, Optional.empty(), CREATED, Optional.empty()));
        Instant at = CREATED.plusSeconds(60);

        assertThat(tokens.revoke(token.tokenId(), at)).isTrue();
        assertThat(tokens.revoke(token.tokenId(), at.plusSeconds(1))).isFalse();
        assertThat(tokens.revoke(999_999, at)).isFalse();

        assertThat(tokens.findByHash("e".repeat(64))).contains(token.withRevokedAt(at));
    }

    @Test
    void tokensAreListedByUserOrAllInIdOrderAndTheirLastUseIsRecorded() {
        ApiToken first = tokens.save(ApiToken.fresh("f".repeat(64), 4004, false, Optional.of("one"), CREATED, Optional.empty()));
        ApiToken second = tokens.save(ApiToken.fresh("9".repeat(64), 4004, false, Optional.of("two"), CREATED, Optional.empty()));
        tokens.touch(second.tokenId(), CREATED.plusSeconds(5));

        assertThat(tokens.list(OptionalLong.of(4004))).containsExactly(first, second.withLastUsedAt(CREATED.plusSeconds(5)));
        assertThat(tokens.list(OptionalLong.empty())).hasSizeGreaterThanOrEqualTo(2).extracting(ApiToken::tokenId).isSorted();
    }

    @Test
    void anUnknownHashFindsNothing() {
        assertThat(tokens.findByHash("c".repeat(64))).isEmpty();
    }

    @Test
    void savingTheSameHashTwiceIsAFailure() {
        ApiToken token = ApiToken.fresh("d".repeat(64), 7, false, Optional.empty(), CREATED, Optional.empty());
        tokens.save(token);

        assertThatThrownBy(() -> tokens.save(token)).isInstanceOf(PersistenceException.class);
    }
}
