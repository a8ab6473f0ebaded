package com.coze.timer.domain.stop;

import com.coze.timer.domain.InvalidArgument;
import java.util.regex.Pattern;

/**
 * "Stop when the response carries this field with this value". {@code key} is as the user wrote it:
 * a top-level field name ({@code finsh}) or a JSON Pointer ({@code /data/done}). {@code expectedJson}
 * is the expected value in canonical JSON text: compact, object keys sorted, numbers in their
 * shortest plain form, so that equal JSON values have equal text.
 */
public record FieldMatch(String key, String expectedJson) {

    /** RFC 6901: after each '/', any characters, with '~' only as the escapes '~0' and '~1'. */
    private static final Pattern POINTER = Pattern.compile("(/([^~]|~[01])*)*");

    public FieldMatch {
        InvalidArgument.require(key != null && !key.isEmpty(), "stop_condition", "stop_condition keys must not be empty");
        InvalidArgument.require(!key.startsWith("/") || POINTER.matcher(key).matches(), "stop_condition." + key,
                "stop_condition key '" + key + "' is not a valid JSON Pointer ('~' must be followed by 0 or 1)");
        InvalidArgument.require(expectedJson != null, "stop_condition." + key, "stop_condition." + key + " needs a value");
    }

    /** The JSON Pointer this key denotes: itself if it starts with '/', else the top-level field. */
    public String pointer() {
        if (key.startsWith("/")) {
            return key;
        }
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public boolean matches(ResponseDocument response) {
        return response.canonicalValueAt(pointer()).map(expectedJson::equals).orElse(false);
    }
}
