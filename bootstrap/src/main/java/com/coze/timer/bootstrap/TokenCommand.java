package com.coze.timer.bootstrap;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.auth.TokenService;
import com.coze.timer.domain.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code token create --user N [--admin] [--label L] [--expires-in 30d]}: mints an API token and
 * prints it, alone, on standard output; {@code token list [--user N]}: every token, never its
 * secret; {@code token revoke ID}: the token is refused from then on, on every instance within a
 * second. Failures are one line on standard error.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    /** What the command line may do with tokens: anything, as an admin would. */
    private static final Caller OPERATOR = new Caller(0, true);
    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,9})([smhd])");

    private TokenCommand() {
    }

    /** Runs {@code work} on the token service of the configured database; 2 for a bad setting. */
    private static int withTokens(String what, Function<TokenService, Integer> work) {
        Logger.getLogger("").setLevel(Level.WARNING); // a command line prints its result, not the pool's chatter
        try {
            TimerSettings settings = TimerSettings.from(Main.config());
            try (Storage storage = Storage.open(settings, new DataFolder(settings.dataDir()), true)) {
                return work.apply(new TokenService(storage.persistence().apiTokens(), Clock.systemUTC()));
            }
        } catch (TimerSettings.SettingsException e) {
            System.err.println("coze-timer: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            return Main.failed(what, e);
        }
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}. */
    static Duration lifetime(String text) {
        Matcher m = LIFETIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new TimerSettings.SettingsException("--expires-in must be a positive number of s, m, h or d, such as 30d, not '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Mint an API token for a user and print it (only once: it is stored as a hash).")
    static final class Create implements Callable<Integer> {

        @Option(names = "--user", required = true, description = "the user the token acts for")
        long userId;

        @Option(names = "--admin", description = "an admin token may act for every user")
        boolean admin;

        @Option(names = "--label", description = "a note stored with the token")
        String label;

        @Option(names = "--expires-in", description = "how long the token works, e.g. 30d, 12h, 90m (default: until revoked)")
        String expiresIn;

        @Override
        public Integer call() {
            if (userId < 0) {
                System.err.println("coze-timer: --user must be >= 0");
                return 2;
            }
            Optional<Duration> lifetime;
            try {
                lifetime = Optional.ofNullable(expiresIn).map(TokenCommand::lifetime);
            } catch (TimerSettings.SettingsException e) {
                System.err.println("coze-timer: " + e.getMessage());
                return 2;
            }
            return withTokens("could not create a token", tokens -> {
                System.out.println(tokens.mint(userId, admin, label, lifetime));
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List API tokens: id, user, admin, label, created, last used, expiry, revoked (never the secret).")
    static final class ListTokens implements Callable<Integer> {

        @Option(names = "--user", description = "only this user's tokens")
        Long userId;

        @Override
        public Integer call() {
            return withTokens("could not list tokens", tokens -> {
                OptionalLong user = userId == null ? OptionalLong.empty() : OptionalLong.of(userId);
                print(tokens.list(OPERATOR, user).orElseThrow());
                return 0;
            });
        }

        private static void print(List<ApiToken> tokens) {
            String format = "%-6s %-8s %-5s %-20s %-24s %-24s %-24s %s%n";
            System.out.printf(format, "ID", "USER", "ADMIN", "LABEL", "CREATED", "LAST USED", "EXPIRES", "REVOKED");
            for (ApiToken t : tokens) {
                System.out.printf(format, t.tokenId(), t.userId(), t.admin() ? "yes" : "no", t.label().orElse("-"),
                        t.createdAt(), time(t.lastUsedAt()), time(t.expiresAt()), time(t.revokedAt()));
            }
        }

        private static String time(Optional<Instant> instant) {
            return instant.map(Instant::toString).orElse("-");
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke an API token by its id (see token list); it is refused from then on.")
    static final class Revoke implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "the token's id")
        long tokenId;

        @Override
        public Integer call() {
            return withTokens("could not revoke the token", tokens -> switch (tokens.revoke(OPERATOR, tokenId)) {
                case Result.Ok<ApiToken> ok -> {
                    System.out.println("Token " + tokenId + " of user " + ok.value().userId() + " revoked at " + ok.value().revokedAt().orElseThrow());
                    yield 0;
                }
                case Result.Rejected<ApiToken> rejected -> {
                    System.err.println("coze-timer: no token " + tokenId);
                    yield 1;
                }
            });
        }
    }
}
