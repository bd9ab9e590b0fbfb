package org.segdiampick.job;

import org.segdiampick.io.OutputNames;

import java.io.Serializable;

/**
 * Where a run writes, relative to {@code OUT} (local path, {@code hdfs://} or {@code s3a://}). Every file has a
 * deterministic name derived from the micrograph, so a retried task or a rerun overwrites instead of duplicating.
 */
public record OutputLayout(String out) implements Serializable {

    public OutputLayout {
        while (out.length() > 1 && out.endsWith("/")) out = out.substring(0, out.length() - 1);
    }

    public String resolve(String rel) {
        return out + "/" + rel;
    }

    public String den(String name) {
        return resolve("work/" + name + "_den.mrc");
    }

    public String topo(String name) {
        return resolve("work/" + name + "_topo.mrc");
    }

    public String bin(String name) {
        return resolve("work/" + name + "_bin.mrc");
    }

    /** Preprocess writes its images and diameter files directly under OUT, as SIMPLE's outdir. */
    public String preDen(String name) {
        return resolve(name + "_den.mrc");
    }

    public String preTopo(String name) {
        return resolve(name + "_topo.mrc");
    }

    public String preBin(String name) {
        return resolve(name + "_bin.mrc");
    }

    public String preDiam(String name) {
        return resolve(name + "_diams.txt");
    }

    public String box(String name) {
        return resolve("boxes/" + name + ".box");
    }

    /**
     * The RELION coordinate file of a micrograph: {@code coords/} + its {@link #relionName} without the extension
     * (and without a leading {@code /}) + {@code .star} — where RELION 3.1 looks for it with {@code --coord_dir
     * coords/ --coord_suffix .star} (it drops everything up to a {@code jobNNN/} folder first, and so do we).
     * Micrographs in different folders never share a coordinate file, whatever their file names.
     */
    public String coords(String micrograph) {
        return resolve("coords/" + relionStem(relionName(micrograph)) + ".star");
    }

    /** {@code micrographs.star}: the micrographs with coordinates and their optics group, for RELION 3.1. */
    public String relionMicrographs() {
        return resolve("micrographs.star");
    }

    /**
     * A micrograph's name in {@code micrographs.star}: its absolute local path (RELION opens it from any folder),
     * or, on HDFS or S3, its URI (RELION cannot read those: copy or mount the micrographs first).
     */
    public static String relionName(String micrograph) {
        return org.segdiampick.io.Storage.absolute(micrograph);
    }

    /** RELION 3.1's coordinate-file stem of a micrograph name (Preprocessing's path rule, written out). */
    static String relionStem(String name) {
        String s = name;
        int scheme = s.indexOf("://");
        if (scheme > 0) s = s.substring(0, scheme) + "/" + s.substring(scheme + 3).replace(':', '_');
        // RELION drops a leading pipeline prefix "Dir/jobNNN/"
        java.util.regex.Matcher job = JOB_FOLDER.matcher(s);
        if (job.find()) s = s.substring(job.end());
        int slash = s.lastIndexOf('/'), dot = s.lastIndexOf('.');
        if (dot > slash + 1) s = s.substring(0, dot);
        while (s.startsWith("/")) s = s.substring(1);
        return s;
    }

    private static final java.util.regex.Pattern JOB_FOLDER = java.util.regex.Pattern.compile("/job\\d{3}/");

    public String thumb(String name) {
        return resolve("thumbs/" + name + "_den.jpg");
    }

    public String coordsIndex() {
        return resolve("coords.star");
    }

    /** {@code picks.parquet}: every particle of the box files as one Parquet table (a folder of part files). */
    public String picksTable() {
        return resolve("picks.parquet");
    }

    public String micrographTable() {
        return resolve("micrographs.tsv");
    }

    public String summary() {
        return resolve("summary.json");
    }

    public String report() {
        return resolve("report.html");
    }

    public String success() {
        return resolve("_SUCCESS");
    }

    public String project() {
        return resolve("project.jsonl");
    }

    /** Output base name of a micrograph: {@link OutputNames#baseName}. */
    public static String baseName(String path) {
        return OutputNames.baseName(path);
    }
}
