package com.coze.timer.bootstrap;

import com.coze.timer.application.auth.TokenService;
import com.coze.timer.application.engine.EnginePorts;
import com.coze.timer.application.engine.EngineRunner;
import com.coze.timer.application.engine.SchedulerEngine;
import com.coze.timer.application.task.TaskPolicy;
import com.coze.timer.http.OkHttpCallbackSender;
import com.coze.timer.persistence.JdbcPersistence;
import com.coze.timer.rest.RestApi;
import com.coze.timer.rest.RestConfig;
import com.coze.timer.rest.UseCases;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A running Coze Timer: storage, the callback sender, the scheduler engine and the web server,
 * wired by plain {@code new}. {@link #close()} shuts it down in order: no new requests, fires
 * finished or handed back, then the connections closed.
 */
final class TimerService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TimerService.class.getName());

    private final Storage storage;
    private final OkHttpCallbackSender sender;
    private final EngineRunner engine;
    private final WebServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TimerService(Storage storage, OkHttpCallbackSender sender, EngineRunner engine, WebServer server) {
        this.storage = storage;
        this.sender = sender;
        this.engine = engine;
        this.server = server;
    }

    static TimerService start(Config config) {
        TimerSettings settings = TimerSettings.from(config);
        Config timer = config.get("timer");
        DataFolder folder = new DataFolder(settings.dataDir());
        Storage storage = Storage.open(settings, folder, false);
        OkHttpCallbackSender sender = null;
        try {
            Clock clock = Clock.systemUTC();
            JdbcPersistence db = storage.persistence();
            TokenService tokens = new TokenService(db.apiTokens(), clock);
            if (settings.mode() == TimerSettings.Mode.EMBEDDED) {
                announceFirstAdminToken(tokens, folder);
            }
            sender = new OkHttpCallbackSender(ComponentSettings.http(timer, settings.allowPrivateTargets()));
            boolean exclusive = settings.mode() == TimerSettings.Mode.EMBEDDED;
            var engineSettings = ComponentSettings.engine(timer, exclusive);
            SchedulerEngine engine = new SchedulerEngine(EnginePorts.single(db.fireLedger("embedded"), db.taskStore(), sender), clock, engineSettings);
            TaskPolicy policy = new TaskPolicy(settings.allowPrivateTargets(), settings.maxActiveTasksPerUser());
            UseCases useCases = UseCaseWiring.useCases(db, engine, tokens, policy, clock);
            HealthChecks health = new HealthChecks(List.of(HealthChecks.database(db.dataSource())));
            WebServer server = webServer(config, useCases, new RestConfig(settings.maxBodyBytes()), health);
            EngineRunner runner = new EngineRunner(engine, clock, engineSettings.refillInterval(), ComponentSettings.grace(timer)).start();
            LOG.info(() -> "Coze Timer (" + settings.mode().name().toLowerCase() + " mode) serving on port " + server.port());
            return new TimerService(storage, sender, runner, server);
        } catch (RuntimeException e) {
            if (sender != null) {
                sender.close();
            }
            storage.close();
            throw e;
        }
    }

    private static WebServer webServer(Config config, UseCases useCases, RestConfig restConfig, HealthChecks health) {
        ObserveFeature observe = ObserveFeature.builder()
                .addObserver(HealthObserver.builder().details(true).addChecks(health.checks().toArray(new io.helidon.health.HealthCheck[0])).build())
                .build();
        return WebServer.builder()
                .config(config.get("server"))
                .addFeature(observe)
                .routing(routing -> {
                    routing.register("/actuator/health", health);
                    RestApi.routing(routing, useCases, restConfig);
                })
                .build()
                .start();
    }

    /** On a database without tokens, mints the first admin token, prints it once and keeps it in the data folder. */
    private static void announceFirstAdminToken(TokenService tokens, DataFolder folder) {
        tokens.mintFirstAdminToken().ifPresent(token -> {
            Path file = folder.writeAdminToken(token);
            System.out.println("First start: an admin token was created. It is shown only this once, and kept in " + file + ":");
            System.out.println(token);
        });
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop();
        engine.close();
        sender.close();
        storage.close();
        LOG.info("Coze Timer stopped");
    }
}
