package com.coze.timer.bootstrap;

import com.coze.timer.persistence.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * The shared servers of a cluster, really started on loopback for a test: MariaDB (the embedded
 * binaries), ZooKeeper (curator-test's real server, short tick) and Redis (no persistence).
 */
final class ClusterServers implements AutoCloseable {

    private final EmbeddedMariaDb database;
    private final TestingServer zooKeeper;
    private final RedisServer redis;
    private final int redisPort;

    ClusterServers(Path root) {
        database = EmbeddedMariaDb.start(root, 0);
        try {
            zooKeeper = new TestingServer(new InstanceSpec(null, freePort(), -1, -1, true, -1, 250, -1), true);
            redisPort = freePort();
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
            redis.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the cluster's servers", e);
        }
    }

    String dbUrl() {
        return database.jdbcUrl("coze_timer");
    }

    String dbUser() {
        return database.user();
    }

    String dbPassword() {
        return database.password();
    }

    /** {@code kill -9} of the MariaDB server process; it is started again on its data by its supervisor. */
    void killDatabase() {
        database.serverProcess().ifPresent(ProcessHandle::destroyForcibly);
    }

    String zkConnect() {
        return zooKeeper.getConnectString();
    }

    String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    void stopRedis() throws IOException {
        redis.stop();
    }

    void startRedis() throws IOException {
        redis.start();
    }

    void flushRedis() {
        try (Jedis jedis = new Jedis("127.0.0.1", redisPort)) {
            jedis.flushAll();
        }
    }

    void restartZooKeeper() throws Exception {
        zooKeeper.restart();
    }

    void stopZooKeeper() throws IOException {
        zooKeeper.stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException e) {
            // already stopped
        }
        try {
            if (zooKeeper != null) {
                zooKeeper.close();
            }
        } catch (IOException e) {
            // already stopped
        }
        database.close();
    }
}
