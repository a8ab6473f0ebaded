package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskTagsTest {

    @Test
    void aNameOfTwoHundredCharactersIsKeptAndOneMoreIsRefused() {
        String longest = "✓".repeat(200);

        assertThat(new TaskTags(Optional.of(longest), Map.of()).name()).contains(longest);
        assertRefused(() -> new TaskTags(Optional.of(longest + "x"), Map.of()), "name");
        assertRefused(() -> new TaskTags(Optional.of("  "), Map.of()), "name");
        assertRefused(() -> new TaskTags(Optional.of("a\nb"), Map.of()), "name");
    }

    @Test
    void twentyLabelsAreKeptInKeyOrderAndTheTwentyFirstIsRefused() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 20; i >= 1; i--) {
            labels.put("k" + (char) ('a' + i), "v");
        }

        assertThat(new TaskTags(Optional.empty(), labels).labels().keySet()).first().isEqualTo("kb");
        labels.put("extra", "v");
        assertRefused(() -> new TaskTags(Optional.empty(), labels), "labels");
    }

    @Test
    void labelKeysAreShortWordsSoThatKeyColonValueIsUnambiguous() {
        assertRefused(() -> new TaskTags(Optional.empty(), Map.of("a:b", "c")), "labels");
        assertRefused(() -> new TaskTags(Optional.empty(), Map.of("", "c")), "labels");
        assertRefused(() -> new TaskTags(Optional.empty(), Map.of("k".repeat(64), "c")), "labels");
        assertThat(new TaskTags(Optional.empty(), Map.of("app.kubernetes.io/name", "")).labels()).hasSize(1);
    }

    @Test
    void aLabelFilterSplitsAtTheFirstColon() {
        TaskTags.Label label = TaskTags.Label.parse("url:https://x", "label");

        assertThat(label).isEqualTo(new TaskTags.Label("url", "https://x"));
        assertThat(new TaskTags(Optional.empty(), Map.of("url", "https://x")).has(label)).isTrue();
        assertRefused(() -> TaskTags.Label.parse("nocolon", "label"), "label");
        assertRefused(() -> TaskTags.Label.parse(":value", "label"), "label");
    }

    @Test
    void tagsChangeNothingAboutFiresAndSurviveTransitions() {
        Task task = TaskBuilder.aTask().build();
        TaskTags tags = new TaskTags(Optional.of("report"), Map.of("team", "a"));

        Task tagged = task.withTags(tags, task.createdAt());
        Task cancelled = tagged.cancel(task.createdAt().plusSeconds(1)).orElseThrow();

        assertThat(tagged.nextRunTime()).isEqualTo(task.nextRunTime());
        assertThat(cancelled.tags()).isEqualTo(tags);
    }

    private static void assertRefused(Runnable construction, String field) {
        assertThatThrownBy(construction::run).isInstanceOfSatisfying(InvalidArgument.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
