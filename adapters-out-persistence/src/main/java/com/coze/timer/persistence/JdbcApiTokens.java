package com.coze.timer.persistence;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.port.out.ApiTokens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link ApiTokens} on the {@code api_tokens} table, keyed by the SHA-256 hash of the token text
 * (the text itself is never stored) and numbered by {@code token_id}. Saving a hash that is already
 * there is a failure (it would take 2^128 tokens to happen by chance). A revoked token keeps its row.
 */
final class JdbcApiTokens implements ApiTokens {

    private static final String COLUMNS = "token_id, token_hash, user_id, is_admin, label, created_at, expires_at, revoked_at,"
            + " last_used_at";
    private static final String SAVE = "INSERT INTO api_tokens (token_hash, user_id, is_admin, label, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String FIND_BY_HASH = "SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?";
    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM api_tokens WHERE token_id = ?";
    private static final String LIST_ALL = "SELECT " + COLUMNS + " FROM api_tokens ORDER BY token_id";
    private static final String LIST_OF_USER = "SELECT " + COLUMNS + " FROM api_tokens WHERE user_id = ? ORDER BY token_id";
    private static final String REVOKE = "UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM api_tokens";

    private final Jdbc jdbc;

    JdbcApiTokens(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ApiToken save(ApiToken token) {
        return jdbc.run("saving an API token of user " + token.userId(), connection -> {
            try (PreparedStatement save = connection.prepareStatement(SAVE, Statement.RETURN_GENERATED_KEYS)) {
                save.setString(1, token.tokenHash());
                save.setLong(2, token.userId());
                save.setBoolean(3, token.admin());
                save.setString(4, token.label().orElse(null));
                Jdbc.setInstant(save, 5, token.createdAt());
                Jdbc.setInstant(save, 6, token.expiresAt());
                save.executeUpdate();
                try (ResultSet keys = save.getGeneratedKeys()) {
                    keys.next();
                    return token.withTokenId(keys.getLong(1));
                }
            }
        });
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return findOne("looking up an API token", FIND_BY_HASH, statement -> statement.setString(1, tokenHash));
    }

    @Override
    public Optional<ApiToken> findById(long tokenId) {
        return findOne("reading API token " + tokenId, FIND_BY_ID, statement -> statement.setLong(1, tokenId));
    }

    @Override
    public List<ApiToken> list(OptionalLong userId) {
        return jdbc.run("listing API tokens", connection -> {
            try (PreparedStatement list = connection.prepareStatement(userId.isPresent() ? LIST_OF_USER : LIST_ALL)) {
                if (userId.isPresent()) {
                    list.setLong(1, userId.getAsLong());
                }
                List<ApiToken> tokens = new ArrayList<>();
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        tokens.add(read(rows));
                    }
                }
                return tokens;
            }
        });
    }

    @Override
    public boolean revoke(long tokenId, Instant at) {
        return update("revoking API token " + tokenId, REVOKE, tokenId, at) == 1;
    }

    @Override
    public void touch(long tokenId, Instant at) {
        update("recording the use of API token " + tokenId, TOUCH, tokenId, at);
    }

    @Override
    public long count() {
        return jdbc.run("counting API tokens", connection -> {
            try (PreparedStatement count = connection.prepareStatement(COUNT);
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private int update(String what, String sql, long tokenId, Instant at) {
        return jdbc.run(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                Jdbc.setInstant(update, 1, at);
                update.setLong(2, tokenId);
                return update.executeUpdate();
            }
        });
    }

    private Optional<ApiToken> findOne(String what, String sql, Binder binder) {
        return jdbc.run(what, connection -> {
            try (PreparedStatement find = connection.prepareStatement(sql)) {
                binder.bind(find);
                try (ResultSet row = find.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<ApiToken>empty();
                }
            }
        });
    }

    private static ApiToken read(ResultSet row) throws SQLException {
        return new ApiToken(row.getLong("token_id"), row.getString("token_hash"), row.getLong("user_id"), row.getBoolean("is_admin"),
                Optional.ofNullable(row.getString("label")), Jdbc.requiredInstant(row, "created_at"),
                Jdbc.instant(row, "expires_at"), Jdbc.instant(row, "revoked_at"), Jdbc.instant(row, "last_used_at"));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
