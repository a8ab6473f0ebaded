package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTest {

    @Test
    void givenTheCanonicalForm_thenItIsParsedAndWrittenBackTheSame() {
        String text = "550e8400-e29b-41d4-a716-446655440000";

        assertThat(TaskId.parse(text)).map(TaskId::toString).contains(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"42", "not-a-uuid", "550e8400-e29b-41d4-a716-44665544000", "1-1-1-1-1",
        "550e8400-e29b-41d4-a716-4466554400000", "550e8400-e29b-41d4-a716-44665544000g",
        "+50e8400-e29b-41d4-a716-446655440000", "00000000000000000001-1-1-1-000000001"})
    void givenAnythingElse_thenThereIsNoSuchTask(String text) {
        assertThat(TaskId.parse(text)).isEmpty();
    }

    @Test
    void givenTheCanonicalFormInUpperCase_thenItDenotesTheSameTask() {
        assertThat(TaskId.parse("550E8400-E29B-41D4-A716-446655440000"))
                .contains(new TaskId(UUID.fromString("550e8400-e29b-41d4-a716-446655440000")));
    }

    @Test
    void randomIdsDiffer() {
        assertThat(TaskId.random()).isNotEqualTo(TaskId.random());
        assertThat(TaskId.random().value()).isInstanceOf(UUID.class);
    }
}
