package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.Fence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZooKeeperSlotOwnershipIT {

    static final int SLOTS = 1024;
    static final Duration SESSION = Duration.ofSeconds(3);
    static final Duration HANDOVER = Duration.ofMillis(500);
    static final Duration SETTLE = Duration.ofSeconds(5);

    private TestingServer server;
    private final List<Member> members = new ArrayList<>();

    record Member(String id, CuratorFramework client, ZooKeeperSlotOwnership ownership) {
        BitSet owned() {
            return ownership.ownedSlots();
        }
    }

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = startZooKeeper(-1);
    }

    /** A real ZooKeeper with a short tick, so that short test sessions are allowed. */
    static TestingServer startZooKeeper(int port) throws Exception {
        return new TestingServer(new InstanceSpec(null, port, -1, -1, true, -1, 250, -1), true);
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            for (Member member : members.reversed()) {
                member.ownership().close();
                member.client().close();
            }
        } finally {
            server.close();
        }
    }

    private Member join(String id) {
        return join(id, server.getConnectString());
    }

    private Member join(String id, String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.newClient(connectString,
                (int) SESSION.toMillis(), 1_000, new ExponentialBackoffRetry(100, 3));
        Member member = new Member(id, client, new ZooKeeperSlotOwnership(client, "/coze-timer", id, SLOTS, HANDOVER));
        members.add(member);
        return member;
    }

    private void leave(Member member) {
        member.ownership().close();
        member.client().close();
        members.remove(member);
    }

    private static List<BitSet> owned(Member... members) {
        return Arrays.stream(members).map(Member::owned).toList();
    }

    @Test
    void aSingleMemberOwnsEverySlot() {
        Member only = join("timer-a");
        Poll.until(SETTLE, "it owns every slot", () -> only.owned().cardinality() == SLOTS);
    }

    @Test
    void threeMembersOwnEverySlotExactlyOnceAndRoughlyEvenly() {
        Member a = join("timer-a");
        Member b = join("timer-b");
        Member c = join("timer-c");

        Poll.until(SETTLE, "every slot owned once", () -> Slots.exactlyOnce(owned(a, b, c), SLOTS));
        for (BitSet share : owned(a, b, c)) {
            assertThat(share.cardinality()).isBetween(SLOTS / 3 * 3 / 4, SLOTS / 3 * 5 / 4);
        }
        for (Member member : List.of(a, b, c)) {
            assertThat(member.ownership().liveMembers()).containsExactlyInAnyOrder("timer-a", "timer-b", "timer-c");
            assertThat(member.ownership().slotsPerMember()).as("every member tells every member's share as it fires it")
                    .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("timer-a", a.owned().cardinality(),
                            "timer-b", b.owned().cardinality(), "timer-c", c.owned().cardinality()));
        }
        assertThat(b.ownership().memberId()).isEqualTo("timer-b");
    }

    @Test
    void theSlotsOfAMemberThatShutsDownMoveToTheOthers() {
        Member a = join("timer-a");
        Member b = join("timer-b");
        Member c = join("timer-c");
        Poll.until(SETTLE, "every slot owned once", () -> Slots.exactlyOnce(owned(a, b, c), SLOTS));

        leave(c);

        assertThat(c.owned().isEmpty()).as("a closed member owns nothing").isTrue();
        Poll.until(SESSION.plus(HANDOVER).plusSeconds(2), "the others own every slot once",
                () -> Slots.exactlyOnce(owned(a, b), SLOTS));
    }

    @Test
    void aCutOffMemberStopsBeforeTheOthersTakeItsSlotsAndRejoinsWhenHealed() {
        Member a = join("timer-a");
        Member b = join("timer-b");
        try (BlackholeProxy proxy = new BlackholeProxy(server.getPort())) {
            Member cut = join("timer-c", proxy.connectString());
            Poll.until(SETTLE, "every slot owned once", () -> Slots.exactlyOnce(owned(a, b, cut), SLOTS));
            BitSet cutShare = cut.owned();

            proxy.cut();
            int samples = 0;
            int cutEmptySample = -1;
            int takenSample = -1;
            long deadline = System.nanoTime() + SESSION.plus(HANDOVER).plus(SETTLE).toNanos();
            while (!Slots.exactlyOnce(owned(a, b), SLOTS)) {
                List<BitSet> sample = owned(a, b, cut);
                assertThat(Slots.disjoint(sample)).as("no slot owned twice").isTrue();
                cutEmptySample = cutEmptySample < 0 && sample.get(2).isEmpty() ? samples : cutEmptySample;
                takenSample = takenSample < 0 && Slots.union(sample.subList(0, 2)).intersects(cutShare) ? samples : takenSample;
                assertThat(System.nanoTime() - deadline).as("taken over in time").isNegative();
                samples++;
                Poll.pause(10);
            }
            takenSample = takenSample < 0 ? samples : takenSample;
            assertThat(cutEmptySample).as("the cut-off member stopped first").isNotNegative().isLessThan(takenSample);

            proxy.heal();
            assertNoOverlapUntil(() -> cut.owned().equals(cutShare) && Slots.exactlyOnce(owned(a, b, cut), SLOTS), a, b, cut);
            leave(cut); // while its proxy still forwards
        }
    }

    @Test
    void aSilentZooKeeperFencesTheMemberWithinHalfTheSessionOnTheMonotonicClock() {
        try (BlackholeProxy proxy = new BlackholeProxy(server.getPort())) {
            Member cut = join("timer-c", proxy.connectString());
            Poll.until(SETTLE, "it is certain of its slots", () -> cut.ownership().isCertain());

            proxy.cut();
            long cutAt = System.nanoTime();
            Poll.until(SESSION, "it is fenced", () -> !cut.ownership().isCertain());
            Duration fencedAfter = Duration.ofNanos(System.nanoTime() - cutAt);

            System.out.println("fenced " + fencedAfter.toMillis() + " ms after ZooKeeper fell silent (session " + SESSION.toMillis() + " ms)");
            assertThat(fencedAfter).as("fenced before the session can expire").isLessThan(SESSION);
            assertThat(cut.owned().isEmpty()).as("a fenced member owns nothing").isTrue();
            proxy.heal();
            Poll.until(SESSION.plus(HANDOVER).plus(SETTLE), "certain again once healed", () -> cut.ownership().isCertain());
            leave(cut);
        }
    }

    @Test
    void aFenceTakenBeforeTheSessionExpiredNeverHoldsAgainWhenTheMemberIsCertainInItsNextSession() {
        try (BlackholeProxy proxy = new BlackholeProxy(server.getPort())) {
            Member cut = join("timer-c", proxy.connectString());
            Poll.until(SETTLE, "it is certain of its slots", () -> cut.ownership().isCertain());
            Fence before = cut.ownership().fence();
            assertThat(before.holds()).as("a fence taken while certain").isTrue();

            proxy.cut();
            Poll.until(SESSION, "the fence is broken", () -> !before.holds());
            Poll.pause(SESSION.plusSeconds(1).toMillis()); // ZooKeeper expires the session meanwhile
            proxy.heal();
            Poll.until(SESSION.plus(HANDOVER).plus(SETTLE), "certain again once healed", () -> cut.ownership().isCertain());

            assertThat(before.holds()).as("the fence of the expired session").isFalse();
            assertThat(cut.ownership().fence().holds()).as("a fence of the new session").isTrue();
            leave(cut);
        }
    }

    @Test
    void anUnreachableZooKeeperIsNamedInTheLogAndJoiningResumesOnceItIsUp() throws Exception {
        LogCapture log = new LogCapture(ZooKeeperSlotOwnership.class);
        int port = FreePort.find();
        TestingServer late = null;
        try (ZooKeeperSlotOwnership lonely = ZooKeeperSlotOwnership.connect("127.0.0.1:" + port, Duration.ofSeconds(1),
                "/coze-timer", "lonely", 16, HANDOVER)) {
            Poll.until(SETTLE, "a warning names ZooKeeper and its address",
                    () -> log.contains("WARNING", "cannot reach ZooKeeper at 127.0.0.1:" + port));
            assertThat(lonely.ownedSlots().isEmpty()).isTrue();

            late = startZooKeeper(port);
            Poll.until(SETTLE, "it joins once ZooKeeper is up", () -> lonely.ownedSlots().cardinality() == 16);
        } finally {
            log.close();
            if (late != null) {
                late.close();
            }
        }
    }

    @Test
    void closingWhileZooKeeperIsDownTakesNoLongerThanTheConnectionTimeout() throws Exception {
        Member only = join("timer-a");
        Poll.until(SETTLE, "it owns every slot", () -> only.owned().cardinality() == SLOTS);
        server.stop();
        Poll.until(Duration.ofSeconds(2), "it owns nothing once disconnected", () -> only.owned().isEmpty());

        long start = System.nanoTime();
        only.ownership().close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        server.restart();
    }

    @Test
    void aJoiningMemberTakesOnlyItsShareAndNoSlotIsEverOwnedTwice() {
        Member a = join("timer-a");
        Member b = join("timer-b");
        Poll.until(SETTLE, "every slot owned once", () -> Slots.exactlyOnce(owned(a, b), SLOTS));
        BitSet aBefore = a.owned();
        BitSet bBefore = b.owned();
        BitSet cShare = Rendezvous.slotsOf("timer-c", List.of("timer-a", "timer-b", "timer-c"), SLOTS);

        Member c = join("timer-c");
        int samples = 0;
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!(c.owned().equals(cShare) && Slots.exactlyOnce(owned(a, b, c), SLOTS))) {
            assertThat(Slots.disjoint(owned(a, b, c))).as("no slot owned twice, sample " + samples).isTrue();
            assertThat(System.nanoTime() - deadline).as("settled in time").isNegative();
            samples++;
            Poll.pause(10);
        }

        assertThat(samples).as("the handover delay was sampled").isGreaterThan((int) (HANDOVER.toMillis() / 20));
        assertThat(subset(a.owned(), aBefore) && subset(b.owned(), bBefore)).as("old members only lose slots").isTrue();
    }

    @Test
    void aSuspendedMemberOwnsNothingUntilItIsSureOfItsSlotsAgain() throws Exception {
        Member only = join("timer-a");
        AtomicReference<BitSet> told = new AtomicReference<>();
        only.ownership().onChange(told::set);
        Poll.until(SETTLE, "it owns every slot", () -> only.owned().cardinality() == SLOTS);

        server.stop();
        Poll.until(Duration.ofSeconds(2), "it owns nothing once disconnected", () -> only.owned().isEmpty());
        Poll.until(Duration.ofSeconds(1), "its listener hears of it", () -> told.get().isEmpty());
        for (int i = 0; i < 30; i++) {
            assertThat(only.owned().isEmpty()).as("still nothing while disconnected").isTrue();
            Poll.pause(10);
        }

        server.restart();
        Poll.until(SESSION.plus(HANDOVER).plus(SETTLE), "it owns every slot again",
                () -> only.owned().cardinality() == SLOTS && told.get().cardinality() == SLOTS);
    }

    private static void assertNoOverlapUntil(BooleanSupplier settled, Member... members) {
        long deadline = System.nanoTime() + SESSION.plus(SETTLE).toNanos();
        while (!settled.getAsBoolean()) {
            assertThat(Slots.disjoint(owned(members))).as("no slot owned twice").isTrue();
            assertThat(System.nanoTime() - deadline).as("settled in time").isNegative();
            Poll.pause(10);
        }
    }

    private static boolean subset(BitSet part, BitSet whole) {
        BitSet extra = (BitSet) part.clone();
        extra.andNot(whole);
        return extra.isEmpty();
    }
}
