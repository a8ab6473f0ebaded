package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.application.port.in.ViewCluster.ClusterView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** The cluster as the API shows it: {@code {"mode":…,"self":…,"slot_count":…,"members":[{"member_id":…,"slots":…,"self":…}]}}. */
final class ClusterJson {

    private ClusterJson() {
    }

    static JsonObject of(ClusterView view) {
        JsonArrayBuilder members = JSON.createArrayBuilder();
        view.slotsPerMember().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(member -> members.add(
                JSON.createObjectBuilder()
                        .add("member_id", member.getKey())
                        .add("slots", member.getValue())
                        .add("self", member.getKey().equals(view.self()))));
        return JSON.createObjectBuilder()
                .add("mode", view.clustered() ? "cluster" : "embedded")
                .add("self", view.self())
                .add("slot_count", view.slotCount())
                .add("members", members)
                .build();
    }
}
