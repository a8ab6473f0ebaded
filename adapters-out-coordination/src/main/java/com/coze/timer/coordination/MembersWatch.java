package com.coze.timer.coordination;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;

/**
 * This instance's membership in ZooKeeper and its view of all members: an EPHEMERAL node
 * {@code <membersPath>/<memberId>} kept by a {@link PersistentNode} (re-created after a session
 * loss or a deletion), and the children of {@code membersPath} read with a watch.
 *
 * <p>Every view handed to {@code onMembers} is a fresh read from the server, never a cache, so a
 * view read after a reconnect reflects the cluster as it is then. All calls are asynchronous:
 * nothing here blocks the caller while ZooKeeper is unreachable, and a read that fails is simply
 * redone by the next {@link #refresh()} (the owner calls it on every (re)connect).
 */
final class MembersWatch {

    private static final Logger LOG = Logger.getLogger(MembersWatch.class.getName());

    private final CuratorFramework client;
    private final String membersPath;
    private final PersistentNode self;
    private final Consumer<List<String>> onMembers;
    private final CuratorWatcher watcher = this::onWatchedEvent;
    private final BackgroundCallback afterCreate = this::afterCreate;
    private final BackgroundCallback afterRead = this::afterRead;
    private volatile boolean closed;

    MembersWatch(CuratorFramework client, String membersPath, String memberId, Consumer<List<String>> onMembers) {
        this.client = client;
        this.membersPath = membersPath;
        this.onMembers = onMembers;
        this.self = new PersistentNode(client, CreateMode.EPHEMERAL, false, ZKPaths.makePath(membersPath, memberId), new byte[0]);
    }

    /** Starts keeping this instance's member node. */
    void start() {
        self.start();
    }

    /** Reads the members again (creating their parent node if needed) and keeps watching them. */
    void refresh() {
        background(() -> client.create().creatingParentsIfNeeded().inBackground(afterCreate).forPath(membersPath));
    }

    private void afterCreate(CuratorFramework c, CuratorEvent event) {
        Code code = Code.get(event.getResultCode());
        if (code == Code.OK || code == Code.NODEEXISTS) {
            readMembers();
        } else {
            LOG.fine(() -> "cannot create " + membersPath + ": " + code + "; retrying on reconnect");
        }
    }

    private void readMembers() {
        if (!closed) {
            background(() -> client.getChildren().usingWatcher(watcher).inBackground(afterRead).forPath(membersPath));
        }
    }

    private void afterRead(CuratorFramework c, CuratorEvent event) {
        Code code = Code.get(event.getResultCode());
        if (code == Code.OK && !closed) {
            onMembers.accept(List.copyOf(event.getChildren()));
        } else if (code != Code.OK) {
            LOG.fine(() -> "cannot read " + membersPath + ": " + code + "; retrying on reconnect");
        }
    }

    private void onWatchedEvent(WatchedEvent event) {
        // Connection events (type None) are handled by the owner's connection-state listener.
        if (event.getType() == EventType.NodeChildrenChanged) {
            readMembers();
        }
    }

    private void background(BackgroundCall call) {
        try {
            call.run();
        } catch (Exception e) {
            // Expected once the client is closed; a reconnect refreshes after any other failure.
            Level level = client.getState() == CuratorFrameworkState.STARTED ? Level.WARNING : Level.FINE;
            LOG.log(level, "cannot queue a ZooKeeper request for " + membersPath, e);
        }
    }

    /**
     * Stops keeping the member node and deletes it, waiting at most {@code timeout}: with ZooKeeper
     * unreachable the delete would retry for long, and the node goes with the session anyway.
     */
    void close(Duration timeout) {
        closed = true;
        Thread closer = Thread.ofPlatform().name("close-" + membersPath).daemon().start(this::closeNode);
        try {
            if (!closer.join(timeout)) {
                closer.interrupt();
                LOG.info(() -> "ZooKeeper did not confirm leaving " + membersPath + " in time: the session's end removes the node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeNode() {
        try {
            self.close();
        } catch (IOException e) {
            // Expected when the client is closed or cut off: the session's end removes the node anyway.
            Level level = client.getZookeeperClient().isConnected() ? Level.WARNING : Level.FINE;
            LOG.log(level, "cannot remove the member node under " + membersPath, e);
        }
    }

    @FunctionalInterface
    private interface BackgroundCall {
        void run() throws Exception;
    }
}
