package com.coze.timer.rest;

import com.coze.timer.application.port.in.DeleteDeadLetter;
import com.coze.timer.application.port.in.ListDeadLetters;
import com.coze.timer.application.port.in.RedriveDeadLetter;
import java.util.Objects;

/** The dead-letter use cases the REST API calls. */
public record DeadLetterUseCases(ListDeadLetters list, RedriveDeadLetter redrive, DeleteDeadLetter delete) {

    public DeadLetterUseCases {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(redrive, "redrive");
        Objects.requireNonNull(delete, "delete");
    }
}
