package com.coze.timer.persistence;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.port.out.ApiTokens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link ApiTokens} on the {@code api_tokens} table, keyed by the SHA-256 hash of the token text
 * (the text itself is never stored). Tokens are only ever added: saving a hash that is already
 * there is a failure (it would take 2^128 tokens to happen by chance).
 */
final class JdbcApiTokens implements ApiTokens {

    private static final String SAVE = "INSERT INTO api_tokens (token_hash, user_id, is_admin, label, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT token_hash, user_id, is_admin, label, created_at FROM api_tokens WHERE token_hash = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM api_tokens";

    private final Jdbc jdbc;

    JdbcApiTokens(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(ApiToken token) {
        jdbc.run("saving an API token of user " + token.userId(), connection -> {
            try (PreparedStatement save = connection.prepareStatement(SAVE)) {
                save.setString(1, token.tokenHash());
                save.setLong(2, token.userId());
                save.setBoolean(3, token.admin());
                save.setString(4, token.label().orElse(null));
                Jdbc.setInstant(save, 5, token.createdAt());
                return save.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return jdbc.run("looking up an API token", connection -> {
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setString(1, tokenHash);
                try (ResultSet row = find.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<ApiToken>empty();
                }
            }
        });
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

    private static ApiToken read(ResultSet row) throws SQLException {
        return new ApiToken(row.getString("token_hash"), row.getLong("user_id"), row.getBoolean("is_admin"),
                Optional.ofNullable(row.getString("label")), Jdbc.requiredInstant(row, "created_at"));
    }
}
