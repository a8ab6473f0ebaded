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
 * binaries, or another {@link SharedDatabase}), ZooKeeper (curator-test's real server, short tick) and Redis (no persistence).
 */
final class ClusterServers implements AutoCloseable {

    /** The database the instances share. */
    interface SharedDatabase extends AutoCloseable {
        String dbUrl();

        String dbUser();

        String dbPassword();

        /** {@code kill -9} of the server process. */
        void kill();

        @Override
        void close();
    }

    private final SharedDatabase database;
    private final TestingServer zooKeeper;
    private final RedisServer redis;
    private final int redisPort;

    /** With MariaDB from the embedded binaries (11.4), restarted by its supervisor when killed. */
    ClusterServers(Path root) {
        this(embedded(EmbeddedMariaDb.start(root, 0)));
    }

    ClusterServers(SharedDatabase database) {
        this.database = database;
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

    private static SharedDatabase embedded(EmbeddedMariaDb db) {
        return new SharedDatabase() {
            @Override
            public String dbUrl() {
                return db.jdbcUrl("coze_timer");
            }

            @Override
            public String dbUser() {
                return db.user();
            }

            @Override
            public String dbPassword() {
                return db.password();
            }

            @Override
            public void kill() {
                db.serverProcess().ifPresent(ProcessHandle::destroyForcibly);
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    String dbUrl() {
        return database.dbUrl();
    }

    String dbUser() {
        return database.dbUser();
    }

    String dbPassword() {
        return database.dbPassword();
    }

    /** {@code kill -9} of the MariaDB server process (the embedded one is started again on its data by its supervisor). */
    void killDatabase() {
        database.kill();
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
