package com.coze.timer.timefix;

import java.io.Console;

/** A {@link Terminal} backed by the process's {@link Console}; with none, no one answers. */
final class ConsoleTerminal implements Terminal {

    private final Console console;

    /** @param console the console to ask, or {@code null} when there is none */
    ConsoleTerminal(Console console) {
        this.console = console;
    }

    @Override
    public boolean isInteractive() {
        return console != null;
    }

    @Override
    public char[] readPassword(String prompt) {
        char[] password = console == null ? null : console.readPassword("%s", prompt);
        return password == null ? new char[0] : password;
    }

    @Override
    public boolean awaitEnter(String prompt) {
        return console != null && console.readLine("%s", prompt) != null;
    }
}
