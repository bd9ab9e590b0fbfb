package org.segdiampick.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The project file {@code project.jsonl}: one JSON object per line, one line per micrograph, in order.
 * Writes replace the file through {@link Storage#writeAtomically}, keeping the previous version as
 * {@code <file>.prev}, so an interrupted run never leaves a half-written project.
 */
public final class ProjectStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ProjectStore() {
    }

    public static List<MicRecord> read(String uri, Configuration conf) throws IOException {
        return parse(new String(Storage.readAll(uri, conf), StandardCharsets.UTF_8), uri);
    }

    /**
     * Parses JSON-lines text; blank lines are skipped, anything else must be one JSON object of scalars, with the
     * types {@link MicRecord#typeProblem} requires for the keys this code reads. A micrograph ({@code intg})
     * listed twice is refused, naming both lines: it would be picked and counted twice, and both records would
     * claim the same outputs.
     */
    public static List<MicRecord> parse(String text, String source) {
        List<MicRecord> out = new ArrayList<>();
        Map<String, Long> lineOf = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InputFormatException(source, no, "not valid JSON: " + e.getOriginalMessage());
                }
                if (node == null || !node.isObject())
                    throw new InputFormatException(source, no, "expected one JSON object per line");
                MicRecord rec = new MicRecord();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Object v = value(e.getValue(), e.getKey(), source, no);
                    String problem = MicRecord.typeProblem(e.getKey(), v);
                    if (problem != null) throw new InputFormatException(source, no, "field \"" + e.getKey() + "\" " + problem);
                    rec.set(e.getKey(), v);
                }
                String id = identity(rec.intg());
                if (id != null) {
                    Long first = lineOf.putIfAbsent(id, no);
                    if (first != null)
                        throw new InputFormatException(source, no, "micrograph " + rec.intg() + " is already listed on line "
                                + first + "; a project lists each micrograph once");
                }
                out.add(rec);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
        return out;
    }

    /** The micrograph a path names, so that {@code /d/a.mrc} and {@code file:/d/a.mrc} are one; null for none. */
    static String identity(String intg) {
        if (intg == null || intg.isBlank()) return null;
        try {
            return Storage.absolute(intg);
        } catch (IllegalArgumentException e) {
            return intg;
        }
    }

    private static Object value(JsonNode v, String key, String source, long line) {
        if (v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isInt()) return v.intValue();
        if (v.isLong()) return v.longValue();
        if (v.isNumber() && !v.isBigInteger()) {
            double d = v.doubleValue();
            if (Double.isFinite(d)) return d;
        }
        throw new InputFormatException(source, line, "field \"" + key + "\" must be a string, number, boolean or null, not " + v);
    }

    /** The file's exact bytes: same records (same keys, order and values) give the same bytes. */
    public static byte[] serialize(List<MicRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (MicRecord r : records) {
                JSON.writeValue(out, r.asMap());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("serialising to memory failed", e);
        }
        return out.toByteArray();
    }

    public static void write(String uri, List<MicRecord> records, Configuration conf) throws IOException {
        Storage.writeAtomically(uri, serialize(records), conf);
    }
}
