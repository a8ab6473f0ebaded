package com.coze.timer.application.port.out;

/**
 * Storage cannot be reached (the connection broke, none could be had in time): a failure of the
 * whole store, not of what was asked of it. Callers that would isolate a bad write wait and retry
 * instead, since every write fails alike until storage is back.
 */
public final class StorageUnavailable extends RuntimeException {

    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
