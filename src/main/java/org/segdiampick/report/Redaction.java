package org.segdiampick.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Hides secrets before settings are written to summary.json, the report or a log: S3A keys, tokens and
 * passwords arrive through {@code --conf} and {@code spark.hadoop.*} settings and must never be printed.
 */
public final class Redaction {
    /** What replaces a hidden value. */
    public static final String MASK = "***";

    // "access.key" with a regex dot also covers access_key and access-key spellings.
    private static final Pattern SENSITIVE_KEY =
            Pattern.compile("secret|password|token|access.key|credential", Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /** True when the value of {@code key} must not be shown. */
    public static boolean isSensitive(String key) {
        return SENSITIVE_KEY.matcher(Objects.requireNonNull(key, "key")).find();
    }

    /**
     * A copy of {@code conf} in the same iteration order with the value of every sensitive key
     * replaced by {@link #MASK}; the input is not changed. Null values stay null (nothing to hide).
     */
    public static Map<String, String> redact(Map<String, String> conf) {
        Objects.requireNonNull(conf, "conf");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : conf.entrySet()) {
            String value = e.getValue();
            out.put(e.getKey(), value != null && isSensitive(e.getKey()) ? MASK : value);
        }
        return out;
    }
}
