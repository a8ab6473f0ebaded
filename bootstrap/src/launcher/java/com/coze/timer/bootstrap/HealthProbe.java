package com.coze.timer.bootstrap;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * A container's health check without curl: {@code java -cp coze-timer.jar
 * com.coze.timer.bootstrap.HealthProbe} asks {@code /observe/health/ready} of the service on this
 * machine (port {@code SERVER_PORT}, default 8080) and exits 0 when it answers 200, else 1 with
 * the reason on standard error. Compiled with the {@link Launcher}, for any Java runtime.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MS = 3_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = System.getenv("SERVER_PORT");
        String url = "http://127.0.0.1:" + (port == null || port.trim().isEmpty() ? "8080" : port.trim()) + "/observe/health/ready";
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status != 200) {
                System.err.println("coze-timer: " + url + " answered " + status);
                System.exit(1);
            }
        } catch (IOException e) {
            System.err.println("coze-timer: " + url + ": " + e);
            System.exit(1);
        }
    }
}
