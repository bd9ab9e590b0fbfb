package org.segdiampick.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Whose batch an output folder holds: the project file and a SHA-256 of the selected micrographs' {@code intg}
 * paths, in selection order (the order decides the output names, {@link OutputNames}). A run records it as
 * {@code OUT/_BATCH.json} and compares it with the one it finds there, so that a second batch does not overwrite
 * the first one's outputs under the same names.
 *
 * <p>The paths are hashed by {@link Sha256#ofStrings}: length-prefixed, so no two different lists of paths hash the
 * same input (a path may contain any character, even a newline).
 *
 * @param project     the project file, absolute path or URI
 * @param micrographs how many micrographs were selected
 * @param sha256      lower-case hex SHA-256 of the selected paths
 */
public record BatchDigest(String project, int micrographs, String sha256) {
    /** File name of the record inside OUT. */
    public static final String FILE = "_BATCH.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The digest of the batch {@code intgPaths} (in selection order) of {@code project}. */
    public static BatchDigest of(String project, List<String> intgPaths) {
        return new BatchDigest(Storage.absolute(project), intgPaths.size(), Sha256.ofStrings(intgPaths));
    }

    /** True when {@code other} describes the same batch (same project, same micrographs in the same order). */
    public boolean sameBatch(BatchDigest other) {
        return other != null && equals(other);
    }

    /** One line of text for messages: {@code project (N micrographs, sha256 abcdef012345…)}. */
    public String describe() {
        return project + " (" + micrographs + " micrographs, sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + "…)";
    }

    public byte[] toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("project", project).put("micrographs", micrographs).put("sha256", sha256);
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising three fields failed", e);
        }
    }

    public static BatchDigest parse(byte[] json, String source) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new InputFormatException(source, "not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject() || !n.path("project").isTextual() || !n.path("micrographs").canConvertToInt()
                || !n.path("micrographs").isIntegralNumber() || !n.path("sha256").isTextual()
                || !n.get("sha256").textValue().matches("[0-9a-f]{64}"))
            throw new InputFormatException(source, "not a batch record (expected project, micrographs and sha256)");
        return new BatchDigest(n.get("project").textValue(), n.get("micrographs").intValue(), n.get("sha256").textValue());
    }

    /** Writes {@code OUT/_BATCH.json} (atomically, through {@link Storage#writeAtomically}). */
    public void write(String out, Configuration conf) throws IOException {
        Storage.writeAtomically(location(out), toJson(), conf);
    }

    /** The record in {@code out}, or empty when there is none. */
    public static Optional<BatchDigest> read(String out, Configuration conf) throws IOException {
        String f = location(out);
        try {
            return Optional.of(parse(Storage.readAll(f, conf), f));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    public static String location(String out) {
        String o = out;
        while (o.length() > 1 && o.endsWith("/")) o = o.substring(0, o.length() - 1);
        return o + "/" + FILE;
    }
}
