package com.coze.timer.domain.stop;

/**
 * One reason for a task to complete, judged after each execution. All policies of a task are held
 * in a list and evaluated alike; the first that is met completes the task.
 */
@FunctionalInterface
public interface StopPolicy {

    /** True when, after the execution described by {@code facts}, the task has done its work. */
    boolean isMet(ExecutionFacts facts);

    /** What a policy may look at: the count including this execution, and the response, if any. */
    record ExecutionFacts(long executionCount, boolean gotResponse, ResponseDocument response) {
    }

    /** {@code max_cnt}: complete after that many executions. */
    static StopPolicy maxCount(long max) {
        return facts -> facts.executionCount() >= max;
    }

    /** A response-field match: complete when a response carries the field with the expected value. */
    static StopPolicy responseField(FieldMatch match) {
        return facts -> facts.gotResponse() && match.matches(facts.response());
    }
}
