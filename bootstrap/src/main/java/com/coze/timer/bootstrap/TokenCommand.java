package com.coze.timer.bootstrap;

import com.coze.timer.application.auth.TokenService;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token create --user N [--admin]}: mints an API token and prints it, alone, on standard output. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = TokenCommand.Create.class)
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Mint an API token for a user and print it (only once: it is stored as a hash).")
    static final class Create implements Callable<Integer> {

        @Option(names = "--user", required = true, description = "the user the token acts for")
        long userId;

        @Option(names = "--admin", description = "an admin token may act for every user")
        boolean admin;

        @Option(names = "--label", description = "a note stored with the token")
        String label;

        @Override
        public Integer call() {
            if (userId < 0) {
                System.err.println("coze-timer: --user must be >= 0");
                return 2;
            }
            Logger.getLogger("").setLevel(Level.WARNING); // a command line prints its result, not the pool's chatter
            TimerSettings settings = TimerSettings.from(Main.config());
            try (Storage storage = Storage.open(settings, new DataFolder(settings.dataDir()), true)) {
                String token = new TokenService(storage.persistence().apiTokens(), Clock.systemUTC()).mint(userId, admin, label);
                System.out.println(token);
                return 0;
            } catch (TimerSettings.SettingsException e) {
                System.err.println("coze-timer: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                return Main.failed("could not create a token", e);
            }
        }
    }
}
