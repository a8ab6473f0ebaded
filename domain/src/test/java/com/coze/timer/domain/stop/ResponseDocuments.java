package com.coze.timer.domain.stop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test data: a {@link ResponseDocument} that answers fixed canonical values at fixed JSON Pointers,
 * standing in for a parsed callback response.
 */
public final class ResponseDocuments {

    private ResponseDocuments() {
    }

    /** A response holding {@code canonicalJson} at {@code pointer}, e.g. {@code "true"} at {@code "/finsh"}. */
    public static ResponseDocument aResponseWith(String pointer, String canonicalJson) {
        return aResponseWith(Map.of(pointer, canonicalJson));
    }

    public static ResponseDocument aResponseWith(Map<String, String> valuesByPointer) {
        Map<String, String> values = new LinkedHashMap<>(valuesByPointer);
        return pointer -> Optional.ofNullable(values.get(pointer));
    }
}
