package com.coze.timer.domain.stop;

import java.util.Optional;

/**
 * A callback's response body as the stop policies read it: the value found at a JSON Pointer, in
 * canonical JSON text (see {@link FieldMatch}), or empty when the body is not JSON or lacks the field.
 */
@FunctionalInterface
public interface ResponseDocument {

    ResponseDocument EMPTY = pointer -> Optional.empty();

    Optional<String> canonicalValueAt(String jsonPointer);
}
