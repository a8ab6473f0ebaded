package com.coze.timer.application.auth;

import java.time.Instant;
import java.util.Optional;

/** A stored API token: the hash of its text, whose user it acts for, and whether it is an admin's. */
public record ApiToken(String tokenHash, long userId, boolean admin, Optional<String> label, Instant createdAt) {
}
