package com.coze.timer.bootstrap;

import com.coze.timer.coordination.RedisChangeBroadcast;
import com.coze.timer.coordination.RedisFireLock;
import com.coze.timer.coordination.RedisPool;
import com.coze.timer.coordination.RedisRateLimits;
import com.coze.timer.coordination.RedisUpcomingFires;
import com.coze.timer.coordination.ZooKeeperSlotOwnership;
import com.coze.timer.http.RateBuckets;
import io.helidon.health.HealthCheck;
import java.util.List;
import java.util.logging.Logger;

/**
 * What cluster mode adds to an instance: ZooKeeper membership and slot ownership, and the Redis
 * cache of upcoming fires, fire locks, shared rate buckets and the broadcast of task changes. Neither server needs to be up when
 * the instance starts: ZooKeeper is retried (owning no slots meanwhile) and Redis calls fall back
 * to the database, and both say in the log which address they cannot reach.
 */
final class Cluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    private static final String ZK_PATH = "/coze-timer";
    private static final String REDIS_PREFIX = "coze-timer";

    private final ClusterSettings settings;
    private final RedisPool redis;
    private final ZooKeeperSlotOwnership ownership;
    private final RedisRateLimits rateLimits;
    private final RedisChangeBroadcast changes;

    private Cluster(ClusterSettings settings, RedisPool redis, ZooKeeperSlotOwnership ownership) {
        this.settings = settings;
        this.redis = redis;
        this.ownership = ownership;
        this.rateLimits = new RedisRateLimits(redis, REDIS_PREFIX);
        this.changes = new RedisChangeBroadcast(redis, REDIS_PREFIX, settings.memberId());
    }

    static Cluster join(ClusterSettings settings) {
        LOG.info(() -> "joining the cluster as " + settings.memberId() + " (ZooKeeper " + settings.zkConnect()
                + ", Redis " + settings.redisUrl() + ", " + settings.slotCount() + " slots)");
        RedisPool redis = new RedisPool(settings.redisUrl());
        try {
            return new Cluster(settings, redis, ZooKeeperSlotOwnership.connect(settings.zkConnect(), settings.zkSession(), ZK_PATH,
                    settings.memberId(), settings.slotCount(), settings.handoverDelay()));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    ZooKeeperSlotOwnership ownership() {
        return ownership;
    }

    RedisUpcomingFires upcomingFires() {
        return new RedisUpcomingFires(redis, REDIS_PREFIX);
    }

    RedisFireLock fireLock() {
        return new RedisFireLock(redis, REDIS_PREFIX, settings.memberId());
    }

    /** Task changes made through one instance, told to the others through Redis. */
    RedisChangeBroadcast changeBroadcast() {
        return changes;
    }

    /** Rate buckets shared by every instance through Redis. */
    RateBuckets.Source rateBuckets() {
        return rateLimits::bucketFor;
    }

    /**
     * Redis and ZooKeeper, each by name. An instance out of touch with ZooKeeper fires nothing, so
     * it is not ready; without Redis it reads the database instead, so Redis is only reported.
     */
    List<HealthCheck> healthChecks() {
        return List.of(HealthChecks.degradable("redis", "the database", () -> {
            redis.ping();
            return true;
        }), HealthChecks.readiness("zookeeper", ownership::isConnected));
    }

    /** Owned slots, live members and the ZooKeeper session, as gauges. */
    void reportTo(TimerMetrics metrics) {
        metrics.gauge("timer.cluster.owned.slots", "Ownership slots this instance fires", () -> ownership.ownedSlots().cardinality());
        metrics.gauge("timer.cluster.members", "Live instances this one sees", () -> ownership.liveMembers().size());
        metrics.gauge("timer.cluster.zookeeper.connected", "1 while the ZooKeeper session is up, else 0",
                () -> ownership.isConnected() ? 1 : 0);
    }

    @Override
    public void close() {
        changes.close();
        try {
            ownership.close();
        } finally {
            redis.close();
        }
    }
}
