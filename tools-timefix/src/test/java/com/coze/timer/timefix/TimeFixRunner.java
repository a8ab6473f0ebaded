package com.coze.timer.timefix;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine;

/** Runs the command in-process, as {@code java -jar timefix.jar} would, capturing what it prints. */
final class TimeFixRunner {

    record Result(int exitCode, String out, String err) {
    }

    private TimeFixRunner() {
    }

    static Result run(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new TimeFixCommand(terminal, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** No one at the keyboard, as under cron or in a pipeline. */
    static Terminal noTerminal() {
        return new ConsoleTerminal(null);
    }

    /**
     * Someone at a terminal who records each confirmation prompt, waits while {@code meanwhile}
     * happens, then presses Enter or, if not {@code pressesEnter}, ends the input.
     */
    static Terminal answering(List<String> prompts, boolean pressesEnter, Runnable meanwhile) {
        return new Terminal() {
            @Override
            public boolean isInteractive() {
                return true;
            }

            @Override
            public char[] readPassword(String prompt) {
                return new char[0];
            }

            @Override
            public boolean awaitEnter(String prompt) {
                prompts.add(prompt);
                meanwhile.run();
                return pressesEnter;
            }
        };
    }
}
