package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final Delivery SERVICE = new Delivery(3, 1_000, 30_000, 30_000);

    @Test
    void givenNoChoice_thenTheServiceSettingsHold() {
        assertThat(Delivery.Choice.NONE.applyTo(SERVICE)).isEqualTo(SERVICE);
        assertThat(Delivery.Choice.NONE.isEmpty()).isTrue();
    }

    @Test
    void givenSomeFields_thenOnlyThoseReplaceTheBase() {
        Delivery chosen = choice(0L, null, null, 120_000L).applyTo(SERVICE);

        assertThat(chosen).isEqualTo(new Delivery(0, 1_000, 30_000, 120_000));
    }

    @Test
    void theRangesOfTheApiAreCheckedWithTheFieldsNamed() {
        assertRefused(() -> choice(11L, null, null, null), "retry.max_retries");
        assertRefused(() -> choice(-1L, null, null, null), "retry.max_retries");
        assertRefused(() -> choice(null, 99L, null, null), "retry.backoff_ms");
        assertRefused(() -> choice(null, null, 99L, null), "retry.max_backoff_ms");
        assertRefused(() -> choice(null, null, null, 999L), "timeout_ms");
        assertRefused(() -> choice(null, null, null, 900_001L), "timeout_ms");
        assertThat(choice(10L, 100L, 100L, 900_000L).applyTo(SERVICE)).isEqualTo(new Delivery(10, 100, 100, 900_000));
    }

    @Test
    void givenABackoffAboveItsCap_thenTheCapIsNamed() {
        assertRefused(() -> choice(null, 5_000L, 1_000L, null).applyTo(SERVICE), "retry.max_backoff_ms");
        // the service's cap counts too when the user raises only the backoff
        assertRefused(() -> choice(null, 60_000L, null, null).applyTo(SERVICE), "retry.max_backoff_ms");
    }

    @Test
    void givenServiceSettingsOutsideTheApiRanges_thenAChoiceThatLeavesThemAloneStillApplies() {
        Delivery generous = new Delivery(20, 10, 10, 0);

        assertThat(choice(null, null, null, 5_000L).applyTo(generous)).isEqualTo(new Delivery(20, 10, 10, 5_000));
    }

    private static Delivery.Choice choice(Long retries, Long backoff, Long maxBackoff, Long timeout) {
        return new Delivery.Choice(Optional.ofNullable(retries), Optional.ofNullable(backoff), Optional.ofNullable(maxBackoff),
                Optional.ofNullable(timeout));
    }

    private static void assertRefused(Runnable build, String field) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidArgument.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
