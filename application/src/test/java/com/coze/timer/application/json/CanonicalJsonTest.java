package com.coze.timer.application.json;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void equalValuesHaveEqualText() {
        assertThat(canonical("{\"b\":1.0,\"a\":[1e0,\"x\"]}")).isEqualTo(canonical("{ \"a\" : [1, \"x\"], \"b\" : 1 }"))
                .isEqualTo("{\"a\":[1,\"x\"],\"b\":1}");
        assertThat(canonical("100")).isEqualTo(canonical("1e2")).isEqualTo("100");
        assertThat(canonical("0.0")).isEqualTo(canonical("-0")).isEqualTo("0");
    }

    @Test
    void aHugeExponentIsKeptInsteadOfWrittenOut() {
        assertThat(canonical("1e999999999")).isEqualTo(canonical("10e999999998")).isEqualTo("1E+999999999");
        assertThat(canonical("1.5e-999999999")).isEqualTo("1.5E-999999999");
    }

    @Test
    void aResponseFieldIsReadAtItsPointer() {
        assertThat(CanonicalJson.document("{\"data\":{\"done\":true}}").canonicalValueAt("/data/done")).contains("true");
        assertThat(CanonicalJson.document("not json").canonicalValueAt("/data")).isEmpty();
    }

    private static String canonical(String json) {
        JsonValue value = CanonicalJson.parse(json).orElseThrow();
        return CanonicalJson.of(value);
    }
}
