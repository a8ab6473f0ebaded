package com.coze.timer.coordination;

import com.coze.timer.application.port.out.ChangeBroadcast;
import com.coze.timer.domain.task.TaskId;
import java.util.function.Consumer;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPubSub;

/**
 * {@link ChangeBroadcast} on a Redis pub/sub channel: a notice is {@code "<member> <task id>"};
 * an instance ignores its own. The listener holds one connection of the pool, subscribed, on its
 * own daemon thread; when Redis goes away it subscribes again every second until it is back
 * (notices published meanwhile are lost, and {@link #hearing} says so: see {@link ChangeBroadcast}).
 *
 * <p>Threading: {@link #announce} from any thread; {@code onChange} runs on the listener thread.
 */
public final class RedisChangeBroadcast implements ChangeBroadcast, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisChangeBroadcast.class.getName());
    private static final long RESUBSCRIBE_MS = 1_000;

    private final RedisPool redis;
    private final String channel;
    private final String memberId;
    private volatile JedisPubSub subscription;
    private volatile boolean subscribed;
    private volatile Consumer<TaskId> onChange = id -> { };
    private volatile boolean open = true;
    private Thread listener;

    public RedisChangeBroadcast(RedisPool redis, String prefix, String memberId) {
        this.redis = redis;
        this.channel = prefix + ":task-changes";
        this.memberId = memberId;
    }

    @Override
    public void announce(TaskId taskId) {
        redis.call(jedis -> jedis.publish(channel, memberId + " " + taskId));
    }

    @Override
    public synchronized void listen(Consumer<TaskId> handler) {
        this.onChange = handler;
        if (listener == null) {
            listener = Thread.ofPlatform().name("timer-change-listener").daemon().start(this::subscribe);
        }
    }

    private void subscribe() {
        boolean warned = false;
        while (open) {
            try {
                JedisPubSub fresh = new JedisPubSub() {
                    @Override
                    public void onMessage(String ignored, String message) {
                        received(message);
                    }

                    @Override
                    public void onSubscribe(String ignored, int channels) {
                        subscribed = true;
                    }
                };
                subscription = fresh;
                redis.call(jedis -> {
                    jedis.subscribe(fresh, channel);
                    return null;
                });
                subscribed = false;
            } catch (RuntimeException e) {
                subscribed = false;
                if (open && !warned) {
                    LOG.warning("not hearing other instances' task changes: " + e.getMessage() + "; subscribing again every second");
                }
                warned = true;
            }
            sleep();
        }
    }

    /** Subscribed right now: false from the moment the subscription broke until it is made again. */
    @Override
    public boolean hearing() {
        return subscribed;
    }

    private void received(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(memberId)) {
            return;
        }
        TaskId.parse(message.substring(space + 1)).ifPresent(id -> onChange.accept(id));
    }

    private static void sleep() {
        try {
            Thread.sleep(RESUBSCRIBE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            JedisPubSub current = subscription;
            if (current != null && current.isSubscribed()) {
                current.unsubscribe();
            }
        } catch (RuntimeException e) {
            // the connection is gone already
        }
    }
}
