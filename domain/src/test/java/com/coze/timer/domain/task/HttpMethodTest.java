package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpMethodTest {

    @Test
    void givenNoMethod_thenItIsPost() {
        assertThat(HttpMethod.fromWire(null)).isEqualTo(HttpMethod.POST);
    }

    @Test
    void methodNamesAreReadInAnyCase() {
        assertThat(HttpMethod.fromWire("get")).isEqualTo(HttpMethod.GET);
        assertThat(HttpMethod.fromWire(" Patch ")).isEqualTo(HttpMethod.PATCH);
        assertThat(HttpMethod.fromWire("DELETE")).isEqualTo(HttpMethod.DELETE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "OPTIONS", "TRACE", "CONNECT", "", "FETCH"})
    void givenAnUnsupportedMethod_thenItIsRefusedOnMethod(String name) {
        assertThatThrownBy(() -> HttpMethod.fromWire(name))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("method"));
    }

    @Test
    void onlyGetAndDeleteGoWithoutABody() {
        assertThat(HttpMethod.GET.hasBody()).isFalse();
        assertThat(HttpMethod.DELETE.hasBody()).isFalse();
        assertThat(HttpMethod.POST.hasBody()).isTrue();
        assertThat(HttpMethod.PUT.hasBody()).isTrue();
        assertThat(HttpMethod.PATCH.hasBody()).isTrue();
    }
}
