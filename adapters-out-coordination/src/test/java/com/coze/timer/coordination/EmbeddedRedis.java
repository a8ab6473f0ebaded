package com.coze.timer.coordination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** A real redis-server on a free loopback port, without persistence; stop, start, freeze and thaw it at will. */
final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    EmbeddedRedis() {
        try {
            this.port = FreePort.find();
            this.server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server process without closing its socket (SIGSTOP): it accepts connections but never answers. */
    void freeze() {
        signal("-STOP");
    }

    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        ProcessHandle process = ProcessHandle.current().children()
                .filter(child -> commandLine(child).contains("redis-server") && commandLine(child).contains("127.0.0.1:" + port))
                .findFirst().orElseThrow(() -> new IllegalStateException("no redis-server on port " + port));
        try {
            new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }
}
