package com.coze.timer.coordination;

import com.coze.timer.application.port.out.FireLock;
import java.time.Duration;
import redis.clients.jedis.params.SetParams;

/**
 * Fire locks in Redis: {@code SET <prefix>:lock:<key> <holder> NX PX <ttl>}, so the first instance
 * to ask gets the lock and it lapses by itself after {@code ttl} (no unlock: a fire's lock simply
 * expires). The value names the holder, for whoever inspects Redis. Only a first guard: the store's
 * version check decides who fires. Throws an {@link IllegalStateException} naming Redis when it is
 * unreachable (see {@link RedisPool}).
 */
public final class RedisFireLock implements FireLock {

    private final RedisPool redis;
    private final String prefix;
    private final String holder;

    /** {@code holder} identifies this instance (its member id, say). */
    public RedisFireLock(RedisPool redis, String keyPrefix, String holder) {
        this.redis = redis;
        this.prefix = keyPrefix;
        this.holder = holder;
    }

    @Override
    public boolean tryLock(String key, Duration ttl) {
        SetParams onlyIfAbsent = SetParams.setParams().nx().px(Math.max(1, ttl.toMillis()));
        return "OK".equals(redis.call(jedis -> jedis.set(prefix + ":lock:" + key, holder, onlyIfAbsent)));
    }
}
