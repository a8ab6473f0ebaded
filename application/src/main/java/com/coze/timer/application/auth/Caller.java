package com.coze.timer.application.auth;

/** Who is making a request, as established by the token: a user, and whether an admin. */
public record Caller(long userId, boolean admin) {

    /** Whether this caller may see and change {@code ownerId}'s tasks. */
    public boolean mayActFor(long ownerId) {
        return admin || userId == ownerId;
    }
}
