package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import java.util.List;
import java.util.OptionalLong;

/** Lists and revokes API tokens: an admin any token, a user only its own. */
public interface ManageTokens {

    /** The tokens of {@code userId}, or (an admin, with no user) every token. */
    Result<List<ApiToken>> list(Caller caller, OptionalLong userId);

    /** Revokes a token; refused as not found for another user's token, as for one that does not exist. */
    Result<ApiToken> revoke(Caller caller, long tokenId);
}
