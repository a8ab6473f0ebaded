package com.coze.timer.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line naming the machine and the JDK the figures came from. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = line("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
        String memory = line("/proc/meminfo", "MemTotal")
                .map(total -> String.format(Locale.ROOT, "%.0f GiB",
                        Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("?");
        return String.format(Locale.ROOT, "Machine: %d cores (%s), %s RAM, %s %s; JDK %s (%s)",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    private static java.util.Optional<String> line(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
