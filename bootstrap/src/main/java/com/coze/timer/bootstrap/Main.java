package com.coze.timer.bootstrap;

import com.coze.timer.application.port.out.StorageUnavailable;
import com.coze.timer.persistence.PersistenceException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import sun.misc.Signal;
import picocli.CommandLine.Command;

/**
 * Starts Coze Timer. Without arguments it serves the API (embedded mode unless configured
 * otherwise); {@code token create} mints an API token.
 */
@Command(name = "coze-timer", mixinStandardHelpOptions = true, versionProvider = Version.class, subcommands = TokenCommand.class,
        description = "Coze Timer: a distributed HTTP-callback scheduler. Without a command, starts the service.")
public final class Main implements Callable<Integer> {

    Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        int exitCode = args.length == 0 ? serve() : new CommandLine(new Main()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Starts the service without picocli's model of the commands: it is built by reflection from
     * classes compiled for Java 5, which a class-data archive cannot hold, and cost 0.3–0.5 s of
     * CPU before the database could start. An {@link Error} ends the start with exit code 1, as
     * picocli would end it, so the JVM does not outlive a failed start.
     */
    private static int serve() {
        try {
            return new Main().call();
        } catch (Error e) {
            Logger.getLogger(Main.class.getName()).log(Level.SEVERE, "could not start", e);
            return 1;
        }
    }

    @Override
    public Integer call() {
        try {
            TimerService service = TimerService.start(config());
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "coze-timer-shutdown"));
            CountDownLatch stopSignal = new CountDownLatch(1);
            onStopSignals(stopSignal::countDown);
            awaitQuietly(stopSignal);
            System.exit(stopped(service));
            return 0;
        } catch (TimerSettings.SettingsException e) {
            System.err.println("coze-timer: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            return failed("could not start", e);
        }
    }

    /**
     * Reports a failed start or command in one line on standard error and returns exit code 1. An
     * expected condition (a folder in use, a database that cannot be reached: the exception types
     * whose messages this code writes for operators) keeps its stack trace at FINE; anything else
     * is logged SEVERE with its trace, as a bug.
     */
    static int failed(String what, RuntimeException e) {
        boolean expected = e instanceof IllegalStateException || e instanceof UncheckedIOException
                || e instanceof PersistenceException || e instanceof StorageUnavailable;
        Logger.getLogger(Main.class.getName()).log(expected ? Level.FINE : Level.SEVERE, what, e);
        System.err.println("coze-timer: " + what + ": " + e.getMessage());
        return 1;
    }

    /**
     * SIGTERM and SIGINT stop the service in order on the main thread, before the JVM's shutdown
     * hooks run: those run all at once, and the embedded database's hook would otherwise stop the
     * database while fires are still being handed back to it. The handler only wakes the main
     * thread: on JDK 25 it runs on a daemon thread, and a JVM whose web server stopped would exit
     * under it halfway through the stop. Exits 0 once stopped.
     */
    private static void onStopSignals(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException e) {
                // This platform does not deliver that signal; the shutdown hook still stops the service.
            }
        }
    }

    /** Stops the service: 0 once stopped, 1 if a part failed to close (logged). */
    private static int stopped(TimerService service) {
        try {
            service.close();
            return 0;
        } catch (RuntimeException e) {
            Logger.getLogger(Main.class.getName()).log(Level.SEVERE, "stop failed", e);
            return 1;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The configuration: environment variables and system properties over an optional
     * {@code application.yaml} in the working folder, over the built-in defaults.
     */
    static Config config() {
        return Config.builder()
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.file("application.yaml").optional())
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }
}
