package com.coze.timer.timefix;

import java.io.Console;

/**
 * The person at the keyboard, if there is one: asked for the password and for confirmation before
 * anything is written. Tests pass their own; {@link #system()} uses the process's console.
 */
public interface Terminal {

    /** Whether someone can answer, that is, a console is attached. */
    boolean isInteractive();

    /** Asks for a password without echoing it; an empty one when no one can answer. */
    char[] readPassword(String prompt);

    /** Waits for Enter; false when the input ended instead (Ctrl+D), which counts as no. */
    boolean awaitEnter(String prompt);

    /** The console of this process, or a terminal no one answers when there is none. */
    static Terminal system() {
        Console console = System.console();
        return new ConsoleTerminal(isTerminal(console) ? console : null);
    }

    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ may return a console with redirected input; isTerminal tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21 returns a console only for a terminal.
        }
    }
}
