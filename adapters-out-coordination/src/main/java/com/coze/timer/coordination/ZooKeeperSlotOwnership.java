package com.coze.timer.coordination;

import com.coze.timer.application.port.out.Fence;
import com.coze.timer.application.port.out.SlotOwnership;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.ZKPaths;

/**
 * Slot ownership for cluster mode, coordinated through ZooKeeper. Each instance registers an
 * EPHEMERAL node {@code <clusterPath>/members/<memberId>} and watches the members; slots are
 * spread over the live members by {@link Rendezvous rendezvous hashing}, which every instance
 * computes alike from the same member list, so there is no leader. Member ids must be unique.
 *
 * <p><b>Uncertainty.</b> Ownership follows Curator's connection states: on SUSPENDED (connection
 * lost, session maybe alive) and LOST (session expired) this instance owns nothing at once; after
 * CONNECTED/RECONNECTED it reads the members again and re-gains its slots as below. A silent
 * client is suspended after about 2/3 of the session timeout, before the server expires its
 * session (after the full timeout) and hands its slots to others. {@link #ownedSlots()} is empty
 * until the first membership view, while this instance's own node is missing from the view, and
 * after {@link #close()}.
 *
 * <p><b>Handover without duplicates.</b> A lost slot stays active for half the
 * {@code handoverDelay}, a gained one becomes active after the whole delay (see
 * {@link SlotAssignment}): the previous owner lets go half a delay before the next one starts, and
 * keeps claiming the slot's fires until then, so a moving slot sees a short gap and never two
 * owners. The slots of a member that left are taken at once: it stopped firing before it left.
 * Every slot counts as gained, with the delay, at start (when a view may still miss members
 * starting alongside) and after a reconnect; on SUSPENDED or LOST everything is dropped at once.
 * Half the delay should exceed the ZooKeeper notification skew plus the time the engine needs to
 * stop claiming in a dropped slot (a refill interval): 2 s by default. The store's optimistic
 * version check stays the final fence for any fire that slips through a handover anyway.
 *
 * <p><b>Fencing.</b> {@link #isCertain()}, which the engine asks right before every send, also
 * needs contact with ZooKeeper within half the session timeout, measured on the monotonic clock
 * ({@link ZooKeeperContact}); so does {@link #ownedSlots()}. And every claim carries the
 * {@link #fence()} taken before it was written, bound to the session it was written in: after a
 * pause past the session, the instance is certain again in a new session, but sends nothing it
 * claimed in the old one (its successor may have taken those over), not even a request already
 * handed to the HTTP client.
 *
 * <p><b>Threads.</b> Views, activations and {@code onChange} calls run on one private thread, in
 * order; listeners must be quick. {@link #ownedSlots()} may be called from any thread.
 */
public final class ZooKeeperSlotOwnership implements SlotOwnership, AutoCloseable {

    public static final Duration DEFAULT_HANDOVER_DELAY = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(ZooKeeperSlotOwnership.class.getName());

    private final CuratorFramework client;
    private final boolean ownsClient;
    private final String memberId;
    private final int slotCount;
    private final SlotAssignment assignment;
    private final MembersWatch members;
    private final ScheduledThreadPoolExecutor thread;
    private final SlotListeners listeners = new SlotListeners();
    private final ConnectionStateListener stateListener = (c, state) -> onConnectionState(state);
    private final ZooKeeperContact contact;
    private volatile boolean connected;
    private volatile boolean everConnected;
    private volatile List<String> lastView = List.of();
    /** The latest view of the current session (empty after a disconnect): who left is judged against it. */
    private List<String> viewThisSession = List.of();

    /** Joins the cluster through {@code client} (started here if it is not yet); the caller closes the client. */
    public ZooKeeperSlotOwnership(CuratorFramework client, String clusterPath, String memberId, int slotCount,
            Duration handoverDelay) {
        this(client, false, clusterPath, memberId, slotCount, handoverDelay);
    }

    private ZooKeeperSlotOwnership(CuratorFramework client, boolean ownsClient, String clusterPath, String memberId,
            int slotCount, Duration handoverDelay) {
        if (slotCount <= 0 || handoverDelay.isNegative()) {
            throw new IllegalArgumentException("slotCount must be positive and handoverDelay not negative");
        }
        this.client = client;
        this.ownsClient = ownsClient;
        this.memberId = Objects.requireNonNull(memberId, "memberId");
        this.slotCount = slotCount;
        this.assignment = new SlotAssignment(slotCount, handoverDelay.toNanos());
        this.thread = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name("slot-ownership-" + memberId).daemon().unstarted(r));
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.members = new MembersWatch(client, ZKPaths.makePath(clusterPath, "members"), memberId,
                view -> onThread(() -> onMembers(view)));
        this.contact = new ZooKeeperContact(client, memberId);
        start();
    }

    /**
     * Connects to ZooKeeper at {@code connectString} with its own client (retrying with exponential
     * backoff for as long as it takes) and joins the cluster; {@link #close()} closes that client.
     */
    public static ZooKeeperSlotOwnership connect(String connectString, Duration sessionTimeout, String clusterPath,
            String memberId, int slotCount, Duration handoverDelay) {
        int sessionMs = Math.toIntExact(sessionTimeout.toMillis());
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionMs)
                .connectionTimeoutMs(sessionMs)
                .retryPolicy(new ExponentialBackoffRetry(250, 10, 5_000))
                .build();
        return new ZooKeeperSlotOwnership(client, true, clusterPath, memberId, slotCount, handoverDelay);
    }

    private void start() {
        client.getConnectionStateListenable().addListener(stateListener);
        if (client.getState() == CuratorFrameworkState.LATENT) {
            client.start();
        }
        members.start();
        if (client.getZookeeperClient().isConnected()) {
            onThread(this::onConnected);
        }
        long timeoutMs = client.getZookeeperClient().getConnectionTimeoutMs();
        thread.schedule(this::warnIfNeverConnected, timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public int slotCount() {
        return slotCount;
    }

    @Override
    public BitSet ownedSlots() {
        BitSet owned = listeners.current();
        boolean sure = isCertain() && client.getState() == CuratorFrameworkState.STARTED;
        return sure ? owned : new BitSet();
    }

    @Override
    public void onChange(Consumer<BitSet> listener) {
        listeners.add(listener);
    }

    /**
     * A fence bound to the ZooKeeper session this instance is certain in now: it holds while that
     * session answered within half its timeout, so claims written after this call cannot have been
     * taken over as those of a departed member (see {@link ZooKeeperContact}). Closed when not certain.
     */
    @Override
    public Fence fence() {
        long session = contact.recentSession();
        if (!isCertain() || session == 0) {
            return Fence.CLOSED;
        }
        return () -> isConnected() && contact.isRecentIn(session) && client.getState() == CuratorFrameworkState.STARTED;
    }

    /** Whether the session with ZooKeeper is up now. */
    public boolean isConnected() {
        return connected && client.getZookeeperClient().isConnected();
    }

    /**
     * Connected, and heard from ZooKeeper within half the session timeout (see {@link ZooKeeperContact}):
     * Curator's connection flag alone stays true for as long as a paused process has not yet
     * processed the disconnect, which may be after another instance took its slots over.
     */
    @Override
    public boolean isCertain() {
        return isConnected() && contact.isRecent();
    }

    @Override
    public String memberId() {
        return memberId;
    }

    /** The members in the latest view read from ZooKeeper (this one included). */
    @Override
    public Set<String> liveMembers() {
        Set<String> live = new HashSet<>(lastView);
        live.add(memberId);
        return live;
    }

    /** Each live member's slots by the rendezvous rule, as every member computes them from the same view. */
    @Override
    public Map<String, Integer> slotsPerMember() {
        Set<String> live = liveMembers();
        Map<String, Integer> slots = new HashMap<>();
        live.forEach(member -> slots.put(member, Rendezvous.slotsOf(member, live, slotCount).cardinality()));
        return slots;
    }

    private void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
            LOG.info(() -> memberId + ": connected to ZooKeeper at " + address() + "; reading the members");
            onThread(this::onConnected);
        } else {
            connected = false; // at once, not after the queued work
            LOG.warning(() -> memberId + ": " + (state == ConnectionState.LOST ? "session lost with" : "lost contact with")
                    + " ZooKeeper at " + address() + " (" + state + "); owning no slots until reconnected");
            onThread(this::onUncertain);
        }
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closing) {
            // Closed: nothing left to track.
        }
    }

    private void onConnected() {
        assignment.clear();
        viewThisSession = List.of();
        connected = true;
        everConnected = true;
        publish();
        members.refresh();
    }

    private void onUncertain() {
        connected = false;
        assignment.clear();
        viewThisSession = List.of();
        publish();
    }

    private void onMembers(List<String> view) {
        if (connected) { // else a read from before the connection dropped: the reconnect reads again
            assignment.retarget(Rendezvous.slotsOf(memberId, view, slotCount), slotsOfDeparted(view), System.nanoTime());
            viewThisSession = view;
            activate();
            if (!view.equals(lastView)) {
                lastView = view;
                LOG.info(() -> memberId + ": members " + view + "; owning " + listeners.current().cardinality()
                        + " slots, " + assignment.pendingCount() + " more after the handover delay");
            }
        }
    }

    /** The slots that members seen earlier in this session, and gone from {@code view}, owned. */
    private BitSet slotsOfDeparted(List<String> view) {
        BitSet slots = new BitSet();
        viewThisSession.stream().filter(member -> !view.contains(member))
                .forEach(departed -> slots.or(Rendezvous.slotsOf(departed, viewThisSession, slotCount)));
        return slots;
    }

    private void activate() {
        long now = System.nanoTime();
        assignment.applyDue(now);
        publish();
        OptionalLong next = assignment.nextChangeNanos();
        if (connected && next.isPresent() && !thread.isShutdown()) {
            thread.schedule(this::activate, Math.max(0, next.getAsLong() - now), TimeUnit.NANOSECONDS);
        }
    }

    private void publish() {
        listeners.publish(connected ? assignment.active() : new BitSet());
    }

    private void warnIfNeverConnected() {
        if (!everConnected) {
            LOG.warning(() -> memberId + ": cannot reach ZooKeeper at " + address()
                    + "; still retrying, owning no slots meanwhile");
        }
    }

    private String address() {
        return client.getZookeeperClient().getCurrentConnectionString();
    }

    /**
     * Leaves the cluster: owns nothing from now on, removes the member node (waiting at most the
     * connection timeout for ZooKeeper) and closes the client if it made it. Close this before a
     * client passed in.
     */
    @Override
    public void close() {
        connected = false;
        contact.close();
        client.getConnectionStateListenable().removeListener(stateListener);
        onThread(this::onUncertain);
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        members.close(Duration.ofMillis(client.getZookeeperClient().getConnectionTimeoutMs()));
        if (ownsClient) {
            client.close();
        }
    }
}
