package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnJsonTest {

    @Test
    void aStopConditionIsWrittenAsTheApiSpellsIt() {
        StopCondition stop = new StopCondition(Optional.of(300L),
                List.of(new FieldMatch("finsh", "true"), new FieldMatch("/data/done", "{\"a\":[1,\"x\"]}")));

        assertThat(ColumnJson.stopCondition(stop)).contains("{\"max_cnt\":300,\"finsh\":true,\"/data/done\":{\"a\":[1,\"x\"]}}");
    }

    @Test
    void aStopConditionReadsBackEqual() {
        StopCondition stop = new StopCondition(Optional.empty(),
                List.of(new FieldMatch("state", "\"done\""), new FieldMatch("quote\"key", "1.5")));

        assertThat(ColumnJson.stopCondition(ColumnJson.stopCondition(stop).orElseThrow())).isEqualTo(stop);
    }

    @Test
    void noStopConditionIsNoColumnValue() {
        assertThat(ColumnJson.stopCondition(StopCondition.NONE)).isEmpty();
        assertThat(ColumnJson.stopCondition((String) null)).isEqualTo(StopCondition.NONE);
    }

    @Test
    void headersKeepTheirOrderThroughJson() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Z-Last", "1");
        headers.put("Authorization", "Bearer \"quoted\"");
        headers.put("A-First", "");

        assertThat(ColumnJson.headers(ColumnJson.headers(headers))).containsExactlyEntriesOf(headers);
    }

    @Test
    void textThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> ColumnJson.headers("[1]")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ColumnJson.stopCondition("{\"max_cnt\":\"many\"}")).isInstanceOf(IllegalStateException.class);
    }
}
