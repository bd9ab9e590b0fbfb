package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.testing.S3Server;
import org.segdiampick.testing.SharedSpark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 credentials given as {@code --conf spark.hadoop.fs.s3a.*} never show up in anything a run writes or prints:
 * summary.json, report.html, the project (and its .prev), stdout, stderr, and the log (every logger at INFO).
 * The run has one local micrograph and one on S3 (S3Proxy) that the wrong secret cannot read, so the secret
 * also travels through an error path (the S3 refusal becomes that micrograph's {@code error}).
 */
class CredentialsNotPrintedTest {
    private static final String SECRET = "SUPERSECRET123";
    private static final String ACCESS = "AKIASUPERSECRETACCESS";

    @TempDir
    Path tmp;

    @Test
    void secretsAppearNowhere() throws Exception {
        ReferenceRun ref = ReferenceRun.get();
        try (S3Server s3 = S3Server.start("secrets")) {
            String onS3 = "s3a://" + s3.bucket() + "/mics/denied.mrc";
            JobFixtures.upload(List.of(JobFixtures.apoferritin().get(0)), "s3a://" + s3.bucket() + "/mics", s3.applyTo(new Configuration()));
            Path project = tmp.resolve("project.jsonl"), out = tmp.resolve("out");
            ProjectStore.write(project.toString(), List.of(MicRecord.of(JobFixtures.apoferritin().get(1).toString(), 1.5),
                    MicRecord.of(onS3, 1.5)), new Configuration());

            Map<String, String> conf = new LinkedHashMap<>();
            s3.s3aSettings().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
            conf.put("spark.hadoop.fs.s3a.secret.key", SECRET);
            conf.put("spark.hadoop.fs.s3a.access.key", ACCESS);
            List<String> args = new ArrayList<>(List.of("run", "--project", project.toString(), "--out", out.toString(),
                    "--decision", ref.out.resolve("summary.json").toString(), "--max-failed-fraction", "0.5"));
            conf.forEach((k, v) -> {
                args.add("--conf");
                args.add(k + "=" + v);
            });

            StringWriter log = new StringWriter();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
            PrintStream oldOut = System.out, oldErr = System.err;
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            LoggerConfig root = ctx.getConfiguration().getRootLogger();
            Level oldLevel = root.getLevel();
            WriterAppender capture = WriterAppender.newBuilder().setName("secrets-capture").setTarget(log)
                    .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build()).build();
            capture.start();
            JobFixtures.Cli r;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
                ctx.getConfiguration().addAppender(capture);
                root.addAppender(capture, Level.INFO, null);
                root.setLevel(Level.INFO);
                for (LoggerConfig lc : ctx.getConfiguration().getLoggers().values()) if (lc != root) lc.addAppender(capture, Level.INFO, null);
                ctx.updateLoggers();
                r = JobFixtures.cli(args.toArray(String[]::new));
            } finally {
                for (LoggerConfig lc : ctx.getConfiguration().getLoggers().values()) lc.removeAppender("secrets-capture");
                root.setLevel(oldLevel);
                ctx.updateLoggers();
                capture.stop();
                System.setOut(oldOut);
                System.setErr(oldErr);
                // The shared session keeps --conf settings: take these back out for the tests that follow.
                SparkSession spark = SharedSpark.spark();
                for (String k : conf.keySet()) {
                    spark.sparkContext().hadoopConfiguration().unset(k.substring("spark.hadoop.".length()));
                    spark.conf().unset(k);
                }
            }
            assertEquals(0, r.code(), r + "\nlog:\n" + log);

            // The run did happen, and the S3 micrograph failed on its credentials.
            List<MicRecord> after = ProjectStore.read(project.toString(), new Configuration());
            assertEquals(1, after.get(0).state());
            assertTrue(after.get(0).getInt("nptcls") > 10);
            assertEquals(0, after.get(1).state());
            assertTrue(after.get(1).getString("error").contains(onS3), after.get(1).toString());
            assertTrue(log.toString().contains("SegDiamPickJob"), "log capture saw nothing:\n" + log);

            Map<String, String> places = new LinkedHashMap<>();
            places.put("summary.json", Files.readString(out.resolve("summary.json")));
            places.put("report.html", Files.readString(out.resolve("report.html")));
            places.put("project.jsonl", Files.readString(project));
            places.put("project.jsonl.prev", Files.readString(Path.of(project + ".prev")));
            places.put("CLI stdout", r.out());
            places.put("CLI stderr", r.err());
            places.put("System.out", stdout.toString(StandardCharsets.UTF_8));
            places.put("System.err", stderr.toString(StandardCharsets.UTF_8));
            places.put("log", log.toString());
            for (Map.Entry<String, String> e : places.entrySet())
                for (String secret : List.of(SECRET, ACCESS))
                    assertFalse(e.getValue().contains(secret), secret + " printed in " + e.getKey() + ":\n" + e.getValue());
        }
    }
}
