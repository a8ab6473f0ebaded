package com.coze.timer.application.port.out;

import java.time.Duration;

/**
 * A short lock on one occurrence of a task, taken before claiming it: a cheap first guard that
 * keeps two instances from even trying to claim the same fire. It is not what decides: the
 * store's version check is the fence, so an expired lock (a paused instance) cannot yield a
 * second fire.
 */
public interface FireLock {

    FireLock NONE = (key, ttl) -> true;

    /** Takes the lock named {@code key} for {@code ttl} if nobody holds it; false if somebody does. */
    boolean tryLock(String key, Duration ttl);
}
