package com.coze.timer.application.port.in;

import java.util.Map;

/** Which instances share the firing, and how many task slots each fires. */
public interface ViewCluster {

    ClusterView view();

    /**
     * {@code clustered} false for the single instance of embedded mode; {@code slotsPerMember} by
     * the latest membership view this instance has (a slot being handed over counts for its new
     * owner), this instance's {@code self} included.
     */
    record ClusterView(boolean clustered, String self, int slotCount, Map<String, Integer> slotsPerMember) {
    }
}
