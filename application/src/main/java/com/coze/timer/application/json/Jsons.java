package com.coze.timer.application.json;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the service, looked up once. Every {@code Json.createXxx} call looks
 * the provider up again through the ServiceLoader, which scans the class path: per request that
 * took a fifth of the API's CPU. Use {@link #JSON} instead of the static {@code Json} methods.
 */
public final class Jsons {

    /** Thread-safe: the provider and the builders, readers and writers it makes share no state. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}
