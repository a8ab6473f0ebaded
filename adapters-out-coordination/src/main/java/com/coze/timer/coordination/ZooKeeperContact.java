package com.coze.timer.coordination;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * When this instance last heard from ZooKeeper, on the monotonic clock: the fence before every
 * send. A small read ({@code exists /}) goes to ZooKeeper every eighth of the session timeout
 * negotiated with the server; each one answered counts as contact at the moment it was
 * <em>sent</em>, which is no later than ZooKeeper last heard from this client. {@link #isRecent()}
 * is true while that contact is younger than half the session timeout. So an instance that was
 * paused (SIGSTOP, a long GC) or cut off stops sending at least half a session before ZooKeeper can
 * expire its session and hand its slots to another, however late Curator notices the loss.
 *
 * <p><b>Threads.</b> Probes are sent from a private daemon thread and answered on Curator's event
 * thread; {@link #isRecent()} may be called from any thread.
 */
final class ZooKeeperContact implements AutoCloseable {

    /** The probe period before a session timeout is known. */
    private static final long UNKNOWN_SESSION_PROBE_MS = 250;
    private static final Logger LOG = Logger.getLogger(ZooKeeperContact.class.getName());

    private final CuratorFramework client;
    private final AtomicLong lastContactNanos = new AtomicLong();
    private volatile boolean everHeard;
    private final ScheduledThreadPoolExecutor thread;
    private final String memberId;
    /** Probe thread only. */
    private boolean lastReported = true;

    ZooKeeperContact(CuratorFramework client, String memberId) {
        this.client = client;
        this.memberId = memberId;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().name("zookeeper-contact-" + memberId).daemon().unstarted(r));
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.execute(this::probe);
    }

    /** Whether ZooKeeper answered a request sent less than half the session timeout ago. */
    boolean isRecent() {
        long sessionMs = client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
        return everHeard && sessionMs > 0
                && System.nanoTime() - lastContactNanos.get() < TimeUnit.MILLISECONDS.toNanos(sessionMs) / 2;
    }

    private void probe() {
        reportChange();
        long sent = System.nanoTime();
        try {
            client.checkExists().inBackground((c, event) -> {
                int code = event.getResultCode();
                if (code == KeeperException.Code.OK.intValue() || code == KeeperException.Code.NONODE.intValue()) {
                    lastContactNanos.accumulateAndGet(sent, Math::max);
                    everHeard = true;
                }
            }).forPath("/");
        } catch (Exception e) {
            // Not started yet, or closing: no contact this time.
        }
        long sessionMs = client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
        try {
            thread.schedule(this::probe, sessionMs > 0 ? Math.max(50, sessionMs / 8) : UNKNOWN_SESSION_PROBE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed: no more probes
        }
    }

    /** Says in the log when the fence closes or opens again (probe thread only). */
    private void reportChange() {
        boolean recent = isRecent();
        if (everHeard && recent != lastReported) {
            lastReported = recent;
            if (recent) {
                LOG.info(() -> memberId + ": ZooKeeper answers again; sending fires");
            } else {
                LOG.warning(() -> memberId + ": no answer from ZooKeeper for half its session; sending no fire until it answers");
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
