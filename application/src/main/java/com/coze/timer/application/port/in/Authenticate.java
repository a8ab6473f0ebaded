package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import java.util.Optional;

/** Tells who presents a bearer token; empty for an unknown token. */
public interface Authenticate {
    Optional<Caller> authenticate(String bearerToken);
}
