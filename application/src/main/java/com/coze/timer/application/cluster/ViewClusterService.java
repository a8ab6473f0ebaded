package com.coze.timer.application.cluster;

import com.coze.timer.application.port.in.ViewCluster;
import com.coze.timer.application.port.out.SlotOwnership;
import java.util.Map;
import java.util.TreeMap;

/** The members and their slots as this instance's slot ownership sees them. */
public final class ViewClusterService implements ViewCluster {

    private final SlotOwnership ownership;
    private final boolean clustered;

    public ViewClusterService(SlotOwnership ownership, boolean clustered) {
        this.ownership = ownership;
        this.clustered = clustered;
    }

    @Override
    public ClusterView view() {
        Map<String, Integer> slots = new TreeMap<>(ownership.slotsPerMember());
        return new ClusterView(clustered, ownership.memberId(), ownership.slotCount(), Map.copyOf(slots));
    }
}
