package com.coze.timer.bootstrap;

import com.coze.timer.application.delivery.FailureCallbackRelay;
import com.coze.timer.application.retention.LogPurge;
import com.coze.timer.application.retention.RetentionSettings;
import com.coze.timer.application.auth.TokenService;
import com.coze.timer.coordination.CachedFireLedger;
import com.coze.timer.application.cluster.ViewClusterService;
import com.coze.timer.application.engine.ClusterChanges;
import com.coze.timer.application.engine.EnginePorts;
import com.coze.timer.application.engine.EngineRunner;
import com.coze.timer.application.engine.EngineSettings;
import com.coze.timer.application.engine.SchedulerEngine;
import com.coze.timer.application.metrics.RecentFireMetrics;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.application.task.TaskPolicy;
import com.coze.timer.console.Console;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.http.OkHttpCallbackSender;
import com.coze.timer.http.RateBuckets;
import com.coze.timer.persistence.EmbeddedMariaDb;
import com.coze.timer.persistence.JdbcPersistence;
import com.coze.timer.rest.RestApi;
import com.coze.timer.rest.RestConfig;
import com.coze.timer.rest.UseCases;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A running Coze Timer: storage, the callback sender, the scheduler engine and the web server,
 * wired by plain {@code new}. {@link #close()} shuts it down in order: no new requests, fires
 * finished or handed back, then the connections closed.
 */
final class TimerService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TimerService.class.getName());
    /** How often a cluster instance scans storage anyway, past the cache of upcoming fires. */
    private static final Duration CACHE_SWEEP = Duration.ofSeconds(2);

    private final Closer parts;
    private final WebServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TimerService(Closer parts, WebServer server) {
        this.parts = parts;
        this.server = server;
    }

    static TimerService start(Config config) {
        TimerSettings settings = TimerSettings.from(config);
        Config timer = config.get("timer");
        Optional<ClusterSettings> clusterSettings = settings.mode() == TimerSettings.Mode.CLUSTER
                ? Optional.of(ClusterSettings.from(timer)) : Optional.empty();
        // Every setting is read and checked before anything starts, so that a bad one stops the start at once.
        var http = ComponentSettings.http(timer, settings.allowPrivateTargets());
        EngineSettings engineSettings = ComponentSettings.engine(timer, clusterSettings);
        Duration grace = ComponentSettings.grace(timer);
        Duration taskCountsRefresh = Observability.taskCountsRefresh(timer);
        RetentionSettings retention = ComponentSettings.retention(timer);
        FailureCallbackRelay.Settings failureCallbacks = ComponentSettings.failureCallbacks(timer);
        Closer parts = new Closer();
        try {
            Clock clock = Clock.systemUTC();
            DataFolder folder = new DataFolder(settings.dataDir());
            if (settings.mode() == TimerSettings.Mode.EMBEDDED) {
                parts.add(folder.lockForService());
            }
            CompletableFuture<Storage> opening = Storage.openInBackground(settings, folder);
            TimerMetrics metrics;
            Storage storage;
            try {
                metrics = parts.add(new TimerMetrics(Observability.meterRegistry(config)));
            } finally { // even when the metrics fail: the storage is then closed with the parts
                storage = parts.add(Storage.awaitOpened(opening));
            }
            JdbcPersistence db = storage.persistence();
            Optional<Cluster> cluster = clusterSettings.map(cs -> parts.add(Cluster.join(cs)));
            TokenService tokens = new TokenService(db.apiTokens(), clock);
            if (cluster.isEmpty()) {
                announceFirstAdminToken(tokens, folder);
            }
            OkHttpCallbackSender sender = parts.add(new OkHttpCallbackSender(http,
                    cluster.map(Cluster::rateBuckets).orElse(RateBuckets.LOCAL), metrics.rateLimits()));
            HelidonFireMetrics fireMetrics = metrics.fires();
            RecentFireMetrics recentMetrics = parts.add(new RecentFireMetrics(fireMetrics, clock).start());
            EnginePorts ports = enginePorts(db, sender, cluster, clock).withMetrics(fireMetrics);
            SchedulerEngine engine = new SchedulerEngine(ports, clock, engineSettings);
            metrics.watchEngine(engine, engineSettings.window());
            metrics.watchTasks(db.taskQueries(), taskCountsRefresh);
            cluster.ifPresent(c -> c.reportTo(metrics));
            TaskPolicy policy = new TaskPolicy(settings.allowPrivateTargets(), settings.maxActiveTasksPerUser(), http.delivery());
            ScheduleChanges changes = cluster.<ScheduleChanges>map(c -> parts.add(
                    new ClusterChanges(engine, c.changeBroadcast(), ports.ledger())).listening()).orElse(engine);
            UseCases useCases = UseCaseWiring.useCases(ports.ledger(), db, changes, tokens, policy, clock, engineSettings.lease(),
                    new ViewClusterService(ports.ownership(), cluster.isPresent()), recentMetrics, sender);
            HelidonDeliveryMetrics delivery = metrics.delivery();
            parts.add(new FailureCallbackRelay(db.failureOutbox(), sender, ports.ledger(), delivery, clock, ports.ownership().memberId(),
                    failureCallbacks).start());
            parts.add(new LogPurge(db.logPurging(), db.deadLetters(), delivery, retention, clock).start());
            EngineRunner runner = parts.add(new EngineRunner(engine, clock, engineSettings.refillInterval(),
                    grace).start());
            List<HealthCheck> checks = new ArrayList<>(List.of(HealthChecks.database(db.dataSource(),
                    () -> storage.embedded().map(EmbeddedMariaDb::isRunning).orElse(true)), HealthChecks.engine(runner::isAlive)));
            storage.embedded().ifPresent(embedded -> checks.add(HealthChecks.embeddedDatabase(embedded::canRecover)));
            cluster.ifPresent(c -> checks.addAll(c.healthChecks()));
            RestConfig rest = new RestConfig(settings.maxBodyBytes(), ComponentSettings.millis(timer, "api.headers.timeout", 10_000),
                    ComponentSettings.millis(timer, "api.body.timeout", 30_000));
            String host = listenHost(config, settings.mode());
            WebServer server = webServer(config, host, useCases, rest, new HealthChecks(checks));
            LOG.info(() -> "Coze Timer " + Version.current() + " (" + settings.mode().name().toLowerCase(Locale.ROOT)
                    + " mode) listening on http://" + host + ":" + server.port());
            return new TimerService(parts, server);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** The engine's ports: straight to the database alone, or through the cluster's cache, locks and ownership. */
    private static EnginePorts enginePorts(JdbcPersistence db, OkHttpCallbackSender sender, Optional<Cluster> cluster, Clock clock) {
        if (cluster.isEmpty()) {
            String run = "embedded-" + UUID.randomUUID().toString().substring(0, 8); // see SlotOwnership.everything
            return EnginePorts.single(db.fireLedger(run), sender)
                    .withOwnership(SlotOwnership.everything(Slots.STORED, run));
        }
        Cluster c = cluster.get();
        CachedFireLedger ledger = new CachedFireLedger(db.fireLedger(c.ownership().memberId()), c.upcomingFires(), clock,
                CACHE_SWEEP);
        return EnginePorts.single(ledger, sender)
                .withOwnership(c.ownership())
                .withFireLock(c.fireLock());
    }

    /**
     * The web server. It listens on {@code server.host} ({@code SERVER_HOST}) if set, else on
     * 127.0.0.1 in embedded mode (a single instance for its own machine) and on every interface in
     * cluster mode (instances behind a load balancer or in containers).
     */
    private static String listenHost(Config config, TimerSettings.Mode mode) {
        return config.get("server.host").asString().filter(host -> !host.isBlank())
                .orElse(mode == TimerSettings.Mode.EMBEDDED ? "127.0.0.1" : "0.0.0.0");
    }

    private static WebServer webServer(Config config, String host, UseCases useCases, RestConfig restConfig,
                                       HealthChecks health) {
        WebServerConfig.Builder builder = WebServer.builder()
                .config(config.get("server"))
                .host(host);
        RestApi.configureServer(builder, restConfig);
        return builder
                .features(Observability.features(health))
                .routing(routing -> {
                    routing.register("/actuator/health", health);
                    RestApi.routing(routing, useCases, restConfig);
                    Console.routing(routing);
                })
                .build()
                .start();
    }

    /**
     * On a database without tokens, mints the first admin token and keeps it in the data folder
     * (0600); the console, whose output may go to shared logs, is told only where it is.
     */
    private static void announceFirstAdminToken(TokenService tokens, DataFolder folder) {
        tokens.mintFirstAdminToken().ifPresent(token -> {
            Path file = folder.writeAdminToken(token);
            System.out.println("First start: an admin token was created and written to " + file
                    + " (readable by this user only). Read it from there; it is not printed.");
        });
    }

    int port() {
        return server.port();
    }

    /**
     * Stops taking requests, then closes the parts in reverse order: engine (fires finished or
     * handed back), sender, cluster, storage. A second call (the shutdown hook after a signal)
     * waits until the first has finished.
     */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop();
        parts.close();
        LOG.info("Coze Timer stopped");
    }
}
