package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three (then four) instances, each a separate process from the built jar, share one MariaDB,
 * Redis and ZooKeeper started by the test, and fire {@value #TASKS} tasks every second at a
 * receiver on loopback. The scenarios run one after another on the same cluster, each judged on
 * the occurrences scheduled in its own window: steady state, a {@code kill -9}, a join, Redis lost
 * and flushed, ZooKeeper restarted; cancel, PATCH, pause, resume and run through instances that
 * do not own the task ({@link ControlScenario}); a rolling SIGTERM restart, an instance paused
 * (SIGSTOP) past its session, MariaDB killed and restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());
    /**
     * Sized to judge exactly-once with room to spare on a 2-core machine that also runs the three
     * instances, their database, Redis, ZooKeeper and the receiver: on a machine whose loopback
     * ceiling is ~7k requests/s these saturate near 1,000 fires/s, and a cluster behind by more than
     * the misfire threshold skips occurrences by design.
     */
    private static final int TASKS = 400;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration SESSION = Duration.ofSeconds(4);
    private static final Path ROOT = Path.of("target", "cluster-it", UUID.randomUUID().toString()).toAbsolutePath();

    private static ClusterServers servers;
    private static CallbackReceiver receiver;
    private static Map<String, String> environment;
    private static final Map<String, TimerProcess> instances = new HashMap<>();
    private static final List<String> taskIds = new ArrayList<>();
    private static String adminToken;
    /** What the rolling restart, (f), observed. */
    private static Occurrences rolling;
    private static final ConcurrentLinkedQueue<String> report = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startCluster() throws Exception {
        servers = new ClusterServers(ROOT);
        receiver = new CallbackReceiver();
        environment = environment(servers, ROOT);
        for (String name : List.of("timer-1", "timer-2", "timer-3")) {
            instances.put(name, TimerProcess.start(name, environment, ROOT.resolve("logs")));
        }
        adminToken = adminToken(environment, ROOT);
        createTasks(adminToken);
        pause(Duration.ofSeconds(30)); // first fires begin after 5 s; let every slot settle and the JVMs warm up
    }

    @AfterAll
    static void stopCluster() {
        report.forEach(line -> LOG.info("cluster scenario " + line));
        try {
            instances.values().forEach(TimerProcess::close);
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (servers != null) {
                servers.close();
            }
        }
    }

    @Test
    @Order(1)
    void steadyStateFiresEveryOccurrenceExactlyOnce() {
        Occurrences result = observe("(a) steady, 3 instances", Duration.ofSeconds(30), () -> { });
        assertThat(result.duplicated()).isZero();
        assertThat(result.repeated()).isZero();
        assertThat(result.missed()).isZero();
        double ownedSlots = 0;
        for (TimerProcess instance : instances.values()) {
            PrometheusText metrics = PrometheusText.parse(new ApiClient(instance.baseUrl()).call("GET", "/observe/metrics", null, null).body());
            assertThat(metrics.require("timer_cluster_zookeeper_connected")).isEqualTo(1.0);
            assertThat(metrics.require("timer_cluster_members")).isEqualTo(3.0);
            ownedSlots += metrics.require("timer_cluster_owned_slots");
        }
        assertThat(ownedSlots).as("every slot owned once").isEqualTo(1024.0);
        TimerProcess any = instances.values().iterator().next();
        var cluster = new ApiClient(any.baseUrl()).call("GET", "/api/v1/cluster", adminToken, null).json();
        assertThat(cluster.getString("mode")).isEqualTo("cluster");
        assertThat(cluster.getJsonArray("members")).hasSize(3);
        assertThat(cluster.getJsonArray("members").getValuesAs(jakarta.json.JsonObject.class).stream()
                .mapToInt(member -> member.getInt("slots")).sum()).as("the members' slots, as one instance sees them").isEqualTo(1024);
    }

    @Test
    @Order(2)
    void aKilledInstancesTasksFireOnTheOthersWithinTheSessionTimeout() {
        Occurrences result = observe("(b) kill -9 of timer-3", Duration.ofSeconds(25), () -> instances.remove("timer-3").kill());
        assertThat(result.duplicated()).isZero();
        assertThat(result.missed()).isZero();
        assertThat(result.maxLateness()).as("fail-over time").isLessThan(SESSION.plus(Duration.ofSeconds(6)));
        Occurrences after = observe("(b') after the fail-over", Duration.ofSeconds(10), () -> { });
        assertThat(after.missed()).isZero();
        assertThat(after.duplicated()).isZero();
    }

    @Test
    @Order(3)
    void aJoiningInstanceTakesSlotsWithoutDuplicates() {
        Occurrences result = observe("(c) timer-4 joins", Duration.ofSeconds(25),
                () -> instances.put("timer-4", TimerProcess.start("timer-4", environment, ROOT.resolve("logs"))));
        assertThat(result.duplicated()).isZero();
        assertThat(result.repeated()).isZero();
        assertThat(result.missed()).isZero();
    }

    @Test
    @Order(4)
    void losingAndFlushingRedisLosesNothing() {
        Occurrences down = observe("(d) Redis stopped and started", Duration.ofSeconds(20), () -> {
            servers.stopRedis();
            pause(Duration.ofSeconds(5));
            servers.startRedis();
        });
        assertThat(down.duplicated()).isZero();
        assertThat(down.missed()).isZero();
        Occurrences flushed = observe("(d') Redis flushed", Duration.ofSeconds(15), servers::flushRedis);
        assertThat(flushed.duplicated()).isZero();
        assertThat(flushed.missed()).isZero();
    }

    @Test
    @Order(5)
    void firingResumesAfterZooKeeperRestarts() {
        Occurrences restart = observe("(e) ZooKeeper restarted", Duration.ofSeconds(25), servers::restartZooKeeper);
        assertThat(restart.duplicated()).isZero();
        assertThat(restart.missed()).isZero();
        Occurrences after = observe("(e') after ZooKeeper is back", Duration.ofSeconds(10), () -> { });
        assertThat(after.missed()).isZero();
        assertThat(after.duplicated()).isZero();
    }

    @Test
    @Order(6)
    void controlThroughAnInstanceThatDoesNotOwnTheTaskHoldsOnTheOwner() {
        ControlScenario control = new ControlScenario(instances, receiver, servers, adminToken);
        try {
            control.cancelHoldsOnTheOwner();
            control.patchHoldsOnTheOwner();
            control.pauseHoldsAndResumeFiresAgainWithinOneInterval();
            control.runFiresOnceWithItsOwnExecutionIdAndLeavesTheNextRunTime();
        } finally {
            control.figures().forEach(figure -> report.add("(f) control through a non-owner, " + figure));
        }
    }

    @Test
    @Order(7)
    void aRollingSigtermRestartStopsEveryInstanceGracefullyWithoutDuplicates() {
        rolling = observe("(f) rolling SIGTERM restart of every instance", Duration.ofSeconds(15), () -> {
            for (String name : List.copyOf(instances.keySet())) {
                TimerProcess old = instances.remove(name);
                assertThat(old.stop()).as(name + " exit code after SIGTERM").isZero();
                assertThat(old.output()).as(name + "'s log").contains("Coze Timer stopped");
                instances.put(name, TimerProcess.start(name, environment, ROOT.resolve("logs")));
            }
        });
        assertThat(rolling.duplicated()).isZero();
        assertThat(rolling.repeated()).isZero();
    }

    @Test
    @Order(7)
    void aRollingSigtermRestartLosesNothingAndWaitsForNoSessionTimeout() {
        assertThat(rolling).as("the rolling restart ran before this").isNotNull();
        assertThat(rolling.missed()).isZero();
        assertThat(rolling.maxLateness()).as("no wait for a session timeout").isLessThan(SESSION);
    }

    @Test
    @Order(8)
    void anInstancePausedPastItsSessionSendsNothingTwiceWhenItWakes() {
        TimerProcess paused = instances.values().iterator().next();
        Instant[] stoppedAt = new Instant[1];
        Occurrences result = observe("(g) SIGSTOP past the session, then SIGCONT", Duration.ofSeconds(20), () -> {
            paused.signal("STOP");
            stoppedAt[0] = Instant.now();
            pause(SESSION.multipliedBy(2));
            paused.signal("CONT");
        });
        assertThat(result.duplicated()).isZero();
        // A call in flight when the process stopped is repeated by the successor with its execution id, as after a
        // crash; what must never happen is a second send of a fire after the pause began.
        Map<String, List<Instant>> arrivals = new HashMap<>();
        receiver.received().forEach(r -> arrivals.computeIfAbsent(r.executionId(), id -> new ArrayList<>()).add(r.arrivedAt()));
        List<String> sentTwiceAfterThePause = arrivals.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .filter(e -> e.getValue().stream().sorted().toList().get(0).isAfter(stoppedAt[0].plusMillis(50))).map(Map.Entry::getKey).toList();
        assertThat(sentTwiceAfterThePause).as("execution ids first sent after the pause began and sent again").isEmpty();
        assertThat(result.missed()).isZero();
    }

    @Test
    @Order(9)
    void firingResumesWithNothingLostWhenTheDatabaseIsKilledAndRestarted() {
        Occurrences result = observe("(h) MariaDB killed, restarted on its data", Duration.ofSeconds(20), servers::killDatabase);
        assertThat(result.duplicated()).isZero();
        assertThat(result.missed()).isZero();
        Occurrences after = observe("(h') after MariaDB is back", Duration.ofSeconds(10), () -> { });
        assertThat(after.missed()).isZero();
        assertThat(after.duplicated()).isZero();
    }

    /**
     * Runs {@code event} at the start of a window of {@code length} (longer if the event lasts
     * longer: up to 5 s past its end), then judges the occurrences scheduled in it.
     */
    private static Occurrences observe(String scenario, Duration length, ThrowingRunnable event) {
        Instant from = Instant.now();
        try {
            event.run();
        } catch (Exception e) {
            throw new IllegalStateException(scenario + " could not be set up", e);
        }
        Instant eventEnd = Instant.now().plusSeconds(5);
        Instant to = from.plus(length).isAfter(eventEnd) ? from.plus(length) : eventEnd; // the window covers the whole event
        pause(Duration.between(Instant.now(), to).plus(Duration.ofSeconds(3))); // fires of the window's end arrive
        List<Received> received = receiver.received();
        Occurrences result = Occurrences.in(received, taskIds, INTERVAL, from, to);
        report.add(scenario + ": " + result);
        LOG.info(() -> "cluster scenario " + scenario + ": " + result);
        if (result.missed() > 0) {
            MissedFireTrace.of(servers, result.notFired()).forEach(line -> report.add("    " + line));
        }
        return result;
    }

    /** The environment of an instance of a test cluster on {@code servers}, with {@code root} for its files. */
    static Map<String, String> environment(ClusterServers servers, Path root) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new HashMap<>();
        env.put("TIMER_MODE", "cluster");
        env.put("TIMER_DB_URL", servers.dbUrl());
        env.put("TIMER_DB_USER", servers.dbUser());
        env.put("TIMER_DB_PASSWORD", servers.dbPassword());
        env.put("TIMER_REDIS_URL", servers.redisUrl());
        env.put("TIMER_ZK_CONNECT", servers.zkConnect());
        env.put("TIMER_ZK_SESSION", Long.toString(SESSION.toMillis()));
        env.put("TIMER_ZK_HANDOVER", "1000");
        // What is judged here is exactly-once under fail-over, not speed: on a starved machine a fire
        // may come more than the default threshold late, which would make it a misfire and skip
        // occurrences. Lateness is reported per scenario instead.
        env.put("TIMER_ENGINE_MISFIRE", "30000");
        env.put("TIMER_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        env.put("TIMER_ALLOW_PRIVATE_TARGETS", "true");
        env.put("TIMER_TASKS_MAX_ACTIVE", "100000");
        env.put("TIMER_HTTP_RATE_DEFAULT", "100000");
        env.put("TIMER_DATA_DIR", root.resolve("unused-data").toString());
        return env;
    }

    /** {@code token create --admin} against the shared database, as an operator would mint one. */
    static String adminToken(Map<String, String> environment, Path root) throws Exception {
        Path log = root.resolve("logs").resolve("token-create.log");
        Process process = TimerProcess.run(environment, log, "token", "create", "--user", "0", "--admin");
        assertThat(process.waitFor()).isZero();
        String token = Files.readAllLines(log).getLast().trim();
        assertThat(token).as("the last line of token create").startsWith("ctk_");
        return token;
    }

    private static void createTasks(String token) throws Exception {
        List<ApiClient> apis = instances.values().stream().map(i -> new ApiClient(i.baseUrl())).toList();
        Instant firstFire = Instant.now().plusSeconds(5);
        Semaphore inFlight = new Semaphore(32);
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < TASKS; i++) {
                String start = firstFire.plusMillis(i * 1_000L / TASKS).toString();
                ApiClient api = apis.get(i % apis.size());
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        var created = api.call("POST", "/api/v1/tasks", token, "{\"user_id\": 7, \"type\": \"interval\", \"http_endpoint\": \""
                                + receiver.url("/cluster") + "\", \"interval_seconds\": 1, \"start_time\": \"" + start + "\"}");
                        assertThat(created.status()).as(created.body()).isEqualTo(201);
                        ids.add(created.json().getString("task_id"));
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        taskIds.addAll(ids);
        assertThat(taskIds).hasSize(TASKS);
    }

    private static void pause(Duration duration) {
        if (!duration.isNegative()) {
            TimerProcess.sleep(duration.toMillis());
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
