package com.coze.timer.coordination;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * When this instance last heard from ZooKeeper, on the monotonic clock: the fence before every
 * send. A small read ({@code exists /}) goes to ZooKeeper every eighth of the session timeout
 * negotiated with the server; each one answered counts as contact at the moment it was
 * <em>sent</em>, which is no later than ZooKeeper last heard from this client. {@link #isRecent()}
 * is true while that contact is younger than half the session timeout. So an instance that was
 * paused (SIGSTOP, a long GC) or cut off stops sending at least half a session before ZooKeeper can
 * expire its session and hand its slots to another, however late Curator notices the loss.
 *
 * <p><b>Sessions.</b> Each answer also names the session it came in: the probe goes straight to the
 * ZooKeeper handle of the moment, and a handle keeps one session for life. An answer to a probe
 * sent at {@code s} proves that session alive until at least {@code s} plus the session timeout, so
 * {@link #isRecentIn(long)} proves that the session a claim was made in is still alive now — and so
 * was all along, sessions never come back — which is what keeps another instance from having taken
 * the claim over. After a pause past the session, contact comes back in a new session, and
 * everything claimed in the old one stays fenced off.
 *
 * <p><b>Threads.</b> Probes are sent from a private daemon thread and answered on Curator's event
 * thread; {@link #isRecent()} may be called from any thread.
 */
final class ZooKeeperContact implements AutoCloseable {

    /** The probe period before a session timeout is known. */
    private static final long UNKNOWN_SESSION_PROBE_MS = 250;
    private static final Logger LOG = Logger.getLogger(ZooKeeperContact.class.getName());

    private final CuratorFramework client;
    private final AtomicReference<Heard> lastHeard = new AtomicReference<>();
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

    /** An answer from ZooKeeper in session {@code sessionId} to a probe sent at {@code sentNanos}. */
    private record Heard(long sessionId, long sentNanos) {
    }

    /** Whether ZooKeeper answered a request sent less than half the session timeout ago. */
    boolean isRecent() {
        return isFresh(lastHeard.get());
    }

    /** The session of the latest answer while {@link #isRecent()}, else 0 (no session has that id). */
    long recentSession() {
        Heard heard = lastHeard.get();
        return isFresh(heard) ? heard.sessionId() : 0;
    }

    /** Whether the latest answer, less than half the session timeout old, came in session {@code sessionId}. */
    boolean isRecentIn(long sessionId) {
        Heard heard = lastHeard.get();
        return isFresh(heard) && heard.sessionId() == sessionId;
    }

    private boolean isFresh(Heard heard) {
        long sessionMs = client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
        return heard != null && sessionMs > 0
                && System.nanoTime() - heard.sentNanos() < TimeUnit.MILLISECONDS.toNanos(sessionMs) / 2;
    }

    private void probe() {
        reportChange();
        long sent = System.nanoTime();
        try {
            ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
            handle.exists("/", false, (code, path, context, stat) -> answered(handle, code, sent), null);
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

    /** Answered on ZooKeeper's event thread: a success counts as contact in the handle's session. */
    private void answered(ZooKeeper handle, int code, long sent) {
        if (code == KeeperException.Code.OK.intValue() || code == KeeperException.Code.NONODE.intValue()) {
            Heard heard = new Heard(handle.getSessionId(), sent);
            lastHeard.accumulateAndGet(heard, (last, next) -> last == null || next.sentNanos() - last.sentNanos() > 0 ? next : last);
        }
    }

    /** Says in the log when the fence closes or opens again (probe thread only). */
    private void reportChange() {
        boolean recent = isRecent();
        if (lastHeard.get() != null && recent != lastReported) {
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
