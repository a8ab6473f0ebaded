package com.coze.timer.domain.stop;

import static com.coze.timer.domain.stop.ResponseDocuments.aResponseWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldMatchTest {

    @Test
    void givenTheSeedsFinshTrue_thenAResponseWithFinshTrueMatches() {
        FieldMatch finsh = new FieldMatch("finsh", "true");

        assertThat(finsh.pointer()).isEqualTo("/finsh");
        assertThat(finsh.matches(aResponseWith("/finsh", "true"))).isTrue();
    }

    @Test
    void givenTheSeedsFinshTrue_thenOtherValuesOrAMissingFieldDoNotMatch() {
        FieldMatch finsh = new FieldMatch("finsh", "true");

        assertThat(finsh.matches(aResponseWith("/finsh", "false"))).isFalse();
        assertThat(finsh.matches(aResponseWith("/finsh", "\"true\""))).isFalse();
        assertThat(finsh.matches(aResponseWith("/finsh", "1"))).isFalse();
        assertThat(finsh.matches(aResponseWith("/finish", "true"))).isFalse();
        assertThat(finsh.matches(ResponseDocument.EMPTY)).isFalse();
    }

    @Test
    void givenAJsonPointerKey_thenItIsUsedAsThePointer() {
        FieldMatch done = new FieldMatch("/data/done", "true");

        assertThat(done.pointer()).isEqualTo("/data/done");
        assertThat(done.matches(aResponseWith("/data/done", "true"))).isTrue();
        assertThat(done.matches(aResponseWith(Map.of("/done", "true", "/data", "{\"done\":false}")))).isFalse();
    }

    @ParameterizedTest(name = "key {0} -> pointer {1}")
    @CsvSource({
        "a/b, /a~1b",
        "a~b, /a~0b",
        "~1, /~01",
        "a~/b, /a~0~1b",
        "data.done, /data.done",
        "' spaced ', '/ spaced '",
    })
    void givenAKeyThatIsNotAPointer_thenItIsEscapedIntoOneTopLevelField(String key, String pointer) {
        FieldMatch match = new FieldMatch(key, "true");

        assertThat(match.pointer()).isEqualTo(pointer);
        assertThat(match.matches(aResponseWith(pointer, "true"))).isTrue();
    }

    @Test
    void givenAKeyWithASlashInside_thenItDoesNotMatchTheNestedField() {
        assertThat(new FieldMatch("a/b", "1").matches(aResponseWith("/a/b", "1"))).isFalse();
    }

    @Test
    void givenCanonicalStructuredValues_thenEqualTextMatches() {
        FieldMatch state = new FieldMatch("state", "{\"code\":0,\"done\":true}");

        assertThat(state.matches(aResponseWith("/state", "{\"code\":0,\"done\":true}"))).isTrue();
        assertThat(state.matches(aResponseWith("/state", "{\"code\":1,\"done\":true}"))).isFalse();
    }

    @Test
    void givenAnEmptyKey_thenItIsRefusedOnStopCondition() {
        assertThatThrownBy(() -> new FieldMatch("", "true"))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("stop_condition"));
        assertThatThrownBy(() -> new FieldMatch(null, "true"))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("stop_condition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/~2", "/~", "/a~", "/a/~x/b"})
    void givenAJsonPointerWithAnInvalidEscape_thenItIsRefusedNamingTheKey(String key) {
        assertThatThrownBy(() -> new FieldMatch(key, "true"))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("stop_condition." + key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "//", "/a~0b/c~1d", "/data/0/done", "/ünïcode/ key "})
    void givenAValidJsonPointer_thenItIsAccepted(String key) {
        assertThat(new FieldMatch(key, "true").pointer()).isEqualTo(key);
    }

    @Test
    void givenNoExpectedValue_thenItIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new FieldMatch("finsh", null))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("stop_condition.finsh"));
    }
}
