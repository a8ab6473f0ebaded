package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Task changes told through Redis pub/sub to the other instances, and heard again after Redis comes back. */
class RedisChangeBroadcastIT {

    @Test
    void aNoticeReachesTheOtherInstancesButNotItsSenderAndAfterARestartOfRedisAgain() {
        try (EmbeddedRedis server = new EmbeddedRedis(); RedisPool redis = new RedisPool(server.url());
             RedisChangeBroadcast a = new RedisChangeBroadcast(redis, "test", "a");
             RedisChangeBroadcast b = new RedisChangeBroadcast(redis, "test", "b")) {
            List<TaskId> heardByA = new CopyOnWriteArrayList<>();
            List<TaskId> heardByB = new CopyOnWriteArrayList<>();
            a.listen(heardByA::add);
            b.listen(heardByB::add);
            TaskId first = TaskId.random();
            Poll.until(Duration.ofSeconds(5), "b hears a's notice", () -> {
                a.announce(first);
                return heardByB.contains(first);
            });
            assertThat(heardByA).as("an instance ignores its own notices").doesNotContain(first);
            assertThat(b.hearing()).isTrue();

            server.stop();
            Poll.until(Duration.ofSeconds(5), "b knows it may miss notices while Redis is down", () -> !b.hearing());
            server.start();
            TaskId second = TaskId.random();
            Poll.until(Duration.ofSeconds(10), "b hears again after Redis restarted", () -> {
                try {
                    a.announce(second);
                } catch (IllegalStateException e) {
                    return false; // Redis not back yet
                }
                return heardByB.contains(second);
            });
            assertThat(b.hearing()).isTrue();
        }
    }
}
