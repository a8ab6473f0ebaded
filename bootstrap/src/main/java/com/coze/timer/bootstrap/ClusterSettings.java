package com.coze.timer.bootstrap;

import com.coze.timer.domain.task.Slots;
import io.helidon.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/** Settings of cluster mode: Redis, ZooKeeper, the slot count and this instance's member id. */
record ClusterSettings(String redisUrl, String zkConnect, Duration zkSession, Duration handoverDelay, int slotCount,
                       String memberId) {

    static ClusterSettings from(Config timer) {
        String redis = timer.get("redis.url").asString().orElse("");
        String zk = timer.get("zk.connect").asString().orElse("");
        if (redis.isBlank()) {
            throw new TimerSettings.SettingsException("TIMER_MODE=cluster needs TIMER_REDIS_URL (e.g. redis://redis:6379)");
        }
        if (zk.isBlank()) {
            throw new TimerSettings.SettingsException("TIMER_MODE=cluster needs TIMER_ZK_CONNECT (e.g. zookeeper:2181)");
        }
        int slots = ConfigValues.integer(timer.get("slot.count"), Slots.STORED, 1, Slots.STORED);
        if (!Slots.isValidCount(slots)) {
            throw new TimerSettings.SettingsException("TIMER_SLOT_COUNT must divide " + Slots.STORED + ", not " + slots);
        }
        Duration session = ComponentSettings.millis(timer.get("zk.session"), Duration.ofSeconds(10), 1);
        Duration handover = ComponentSettings.millis(timer.get("zk.handover"), Duration.ofSeconds(2), 0);
        String member = timer.get("member.id").asString().orElse("");
        return new ClusterSettings(redis.trim(), zk.trim(), session, handover, slots,
                member.isBlank() ? defaultMemberId() : member.trim());
    }

    private static String defaultMemberId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "timer";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
