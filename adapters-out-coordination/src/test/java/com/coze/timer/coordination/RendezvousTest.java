package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendezvousTest {

    private static final int SLOTS = 1024;

    @Test
    void everySlotHasExactlyOneOwner() {
        List<String> members = List.of("timer-a", "timer-b", "timer-c");
        BitSet union = new BitSet();
        int total = 0;
        for (String member : members) {
            BitSet owned = Rendezvous.slotsOf(member, members, SLOTS);
            union.or(owned);
            total += owned.cardinality();
        }
        assertThat(union.cardinality()).isEqualTo(SLOTS);
        assertThat(total).isEqualTo(SLOTS);
    }

    @Test
    void similarIdsSplitTheSlotsRoughlyEvenly() {
        for (List<String> members : List.of(List.of("timer-1", "timer-2", "timer-3"),
                List.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"), List.of("a", "b", "c"))) {
            for (String member : members) {
                assertThat(Rendezvous.slotsOf(member, members, SLOTS).cardinality())
                        .as("%s among %s", member, members)
                        .isBetween(SLOTS / 3 * 3 / 4, SLOTS / 3 * 5 / 4);
            }
        }
    }

    @Test
    void aJoiningMemberTakesSlotsOnlyForItself() {
        List<String> before = List.of("timer-a", "timer-b");
        List<String> after = List.of("timer-a", "timer-b", "timer-c");
        for (String member : before) {
            BitSet kept = Rendezvous.slotsOf(member, after, SLOTS);
            BitSet gainedByOldMember = (BitSet) kept.clone();
            gainedByOldMember.andNot(Rendezvous.slotsOf(member, before, SLOTS));
            assertThat(gainedByOldMember.isEmpty()).as(member + " gains nothing").isTrue();
        }
        assertThat(Rendezvous.slotsOf("timer-c", after, SLOTS).cardinality()).isBetween(256, 427);
    }

    @Test
    void theOrderOfTheViewDoesNotMatter() {
        assertThat(Rendezvous.slotsOf("x", List.of("x", "y", "z"), SLOTS))
                .isEqualTo(Rendezvous.slotsOf("x", List.of("z", "y", "x"), SLOTS));
    }

    @Test
    void aMemberMissingFromTheViewOwnsNothing() {
        assertThat(Rendezvous.slotsOf("gone", List.of("x", "y"), SLOTS).isEmpty()).isTrue();
        assertThat(Rendezvous.slotsOf("alone", List.of("alone"), SLOTS).cardinality()).isEqualTo(SLOTS);
    }
}
