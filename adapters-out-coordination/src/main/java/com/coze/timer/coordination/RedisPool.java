package com.coze.timer.coordination;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Logger;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The connections to one Redis server, shared by {@link RedisUpcomingFires}, {@link RedisFireLock}
 * and {@link RedisRateLimits}. Built from a URL {@code redis://[[user]:password@]host:port[/db]}
 * ({@code rediss://} for TLS).
 *
 * <p>Nothing waits on Redis longer than {@code timeout}: connecting, reading a reply and waiting
 * for a free pooled connection are all bounded by it. A failure surfaces as an unchecked
 * {@link IllegalStateException} whose message names Redis and its address ("cannot reach Redis at
 * redis://host:port"), never with the password; callers fall back to the database. A call that
 * timed out may still have been carried out by Redis once it answered again. After a
 * connection failure the idle connections are dropped (they are as dead as the one that failed),
 * and the pool opens new ones on the next call, so a restarted Redis is used again at once.
 */
public final class RedisPool implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    private static final Logger LOG = Logger.getLogger(RedisPool.class.getName());

    private final String address;
    private final JedisPooled jedis;

    public RedisPool(String url) {
        this(url, DEFAULT_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** Opens no connection yet beyond a first check, which only logs if Redis cannot be reached. */
    public RedisPool(String url, Duration timeout, int maxConnections) {
        URI uri = parse(url);
        HostAndPort hostAndPort = JedisURIHelper.getHostAndPort(uri);
        this.address = (JedisURIHelper.isRedisSSLScheme(uri) ? "rediss://" : "redis://") + hostAndPort;
        int timeoutMs = Math.toIntExact(timeout.toMillis());
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("coze-timer")
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        this.jedis = new JedisPooled(hostAndPort, client, poolConfig(timeout, maxConnections));
        try {
            ping();
        } catch (IllegalStateException e) {
            LOG.warning(e.getMessage() + "; will retry on every use");
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = URI.create(url);
            if (JedisURIHelper.isValid(uri)) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // Reported below, without echoing the URL: it may hold a password.
        }
        throw new IllegalArgumentException("the Redis URL must look like redis://host:port");
    }

    private static ConnectionPoolConfig poolConfig(Duration timeout, int maxConnections) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(timeout);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        return pool;
    }

    /** Checks that Redis answers; throws an {@link IllegalStateException} naming Redis otherwise. */
    public void ping() {
        call(UnifiedJedis::ping);
    }

    /** {@code redis://host:port}, without credentials: for log lines and messages. */
    public String address() {
        return address;
    }

    /** Runs {@code command}, turning Redis failures into exceptions that name Redis and its address. */
    <T> T call(Function<UnifiedJedis, T> command) {
        try {
            return command.apply(jedis);
        } catch (JedisConnectionException e) {
            jedis.getPool().clear();
            throw new IllegalStateException("cannot reach Redis at " + address + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new IllegalStateException("Redis at " + address + " failed: " + e.getMessage(), e);
        }
    }

    /** The pooled client itself, for libraries that take one (bucket4j). */
    UnifiedJedis client() {
        return jedis;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
