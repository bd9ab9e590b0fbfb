package org.segdiampick.io;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One micrograph of the project: a line of {@code project.jsonl}, keyed as SIMPLE's {@code mic} segment
 * (algorithm §9.4): {@code intg}, {@code smpd}, {@code state}, {@code mic_den}, {@code mic_topo},
 * {@code mic_bin}, {@code mic_diam}, {@code boxfile}, {@code nptcls}, {@code thumb_den}, plus {@code error}
 * (this project's per-micrograph failure text). Keys this code does not know are kept, in their order.
 *
 * <p>Values are JSON scalars only: String, Integer, Long, Double (finite), Boolean or null. Serializable so
 * Spark can ship records to executors.
 */
public final class MicRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String INTG = "intg";
    public static final String SMPD = "smpd";
    public static final String STATE = "state";
    public static final String MIC_DEN = "mic_den";
    public static final String MIC_TOPO = "mic_topo";
    public static final String MIC_BIN = "mic_bin";
    public static final String MIC_DIAM = "mic_diam";
    public static final String BOXFILE = "boxfile";
    public static final String NPTCLS = "nptcls";
    public static final String THUMB_DEN = "thumb_den";
    public static final String ERROR = "error";

    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    public MicRecord() {
    }

    /** A record of a micrograph to process: {@code intg}, {@code smpd}, {@code state = 1}. */
    public static MicRecord of(String intg, double smpd) {
        return new MicRecord().set(INTG, intg).set(SMPD, smpd).set(STATE, 1);
    }

    /** The micrograph path or URI, or null. */
    public String intg() {
        return getString(INTG);
    }

    /** Pixel size in Å/px, or null. */
    public Double smpd() {
        return getDouble(SMPD);
    }

    /** SIMPLE's state (≥ 1 = to process, 0 = excluded), or null. */
    public Integer state() {
        return getInt(STATE);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The raw value (null if absent or JSON null). */
    public Object get(String key) {
        return fields.get(key);
    }

    /** The value as text (numbers and booleans in their JSON spelling), or null. */
    public String getString(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    /** The value as an Integer, or null; a number that is not an integer in int range is an error. */
    public Integer getInt(String key) {
        Object v = fields.get(key);
        if (v == null) return null;
        if (v instanceof Integer i) return i;
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) return (int) d;
        }
        throw new IllegalStateException("field " + key + " = " + v + " is not an integer");
    }

    /** The value as a Double, or null; a non-number is an error. */
    public Double getDouble(String key) {
        Object v = fields.get(key);
        if (v == null) return null;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalStateException("field " + key + " = " + v + " is not a number");
    }

    /**
     * Sets (or replaces, keeping its position) a field. Float becomes Double; NaN and infinities are refused
     * because JSON cannot hold them.
     */
    public MicRecord set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        fields.put(key, scalar(key, value));
        return this;
    }

    public MicRecord remove(String key) {
        fields.remove(key);
        return this;
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    /** A read-only view of the fields in their order. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(fields);
    }

    public MicRecord copy() {
        MicRecord r = new MicRecord();
        r.fields.putAll(fields);
        return r;
    }

    /**
     * Why {@code value} cannot be the value of {@code key}, or null when it can: the keys this code reads have one
     * type each ({@code intg}, the image and box paths and {@code error} are text; {@code smpd} a number;
     * {@code state} and {@code nptcls} whole numbers), JSON null meaning absent. Other keys take any scalar.
     * A project is checked with this when it is read, so that {@code "state": "1"} is a malformed line of the
     * file, not a failure deep inside a run.
     */
    public static String typeProblem(String key, Object value) {
        if (value == null) return null;
        return switch (key) {
            case INTG, MIC_DEN, MIC_TOPO, MIC_BIN, MIC_DIAM, BOXFILE, THUMB_DEN, ERROR ->
                    value instanceof String ? null : "must be a string, not " + describe(value);
            case SMPD -> value instanceof Number ? null : "must be a number (Å/px), not " + describe(value);
            case STATE, NPTCLS -> isWholeInt(value) ? null : "must be a whole number, not " + describe(value);
            default -> null;
        };
    }

    private static boolean isWholeInt(Object v) {
        if (v instanceof Integer) return true;
        if (!(v instanceof Number n)) return false;
        double d = n.doubleValue();
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }

    private static String describe(Object v) {
        if (v instanceof String s) return "the string \"" + s + "\"";
        if (v instanceof Boolean) return "the boolean " + v;
        return "the number " + v;
    }

    static Object scalar(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean) return value;
        if (value instanceof Short || value instanceof Byte) return ((Number) value).intValue();
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) throw new IllegalArgumentException("field " + key + ": JSON cannot hold " + d);
            return d;
        }
        throw new IllegalArgumentException("field " + key + ": not a JSON scalar: " + value.getClass().getName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MicRecord r && r.fields.equals(fields)
                && new java.util.ArrayList<>(r.fields.keySet()).equals(new java.util.ArrayList<>(fields.keySet()));
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "MicRecord" + fields;
    }
}
