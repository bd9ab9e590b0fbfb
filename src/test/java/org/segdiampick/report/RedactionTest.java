package org.segdiampick.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void hidesSecretsKeepsTheRestInOrder() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE");
        conf.put("spark.hadoop.fs.s3a.secret.key", "s3cr3t");
        conf.put("spark.hadoop.fs.s3a.session.token", "tok");
        conf.put("db.Password", "pw");
        conf.put("AWS_ACCESS_KEY_ID", "AKIA2");
        conf.put("fs.s3a.endpoint", "http://127.0.0.1:9000");
        conf.put("spark.master", "local[*]");
        conf.put("my.credentials.file", "/etc/creds");
        conf.put("empty.secret", null);

        Map<String, String> red = Redaction.redact(conf);

        assertEquals(List.copyOf(conf.keySet()), List.copyOf(red.keySet()));
        assertEquals("***", red.get("spark.hadoop.fs.s3a.access.key"));
        assertEquals("***", red.get("spark.hadoop.fs.s3a.secret.key"));
        assertEquals("***", red.get("spark.hadoop.fs.s3a.session.token"));
        assertEquals("***", red.get("db.Password"));
        assertEquals("***", red.get("AWS_ACCESS_KEY_ID"));
        assertEquals("***", red.get("my.credentials.file"));
        assertEquals("http://127.0.0.1:9000", red.get("fs.s3a.endpoint"));
        assertEquals("local[*]", red.get("spark.master"));
        assertNull(red.get("empty.secret"));
        assertFalse(red.containsValue("s3cr3t"));
        assertEquals("s3cr3t", conf.get("spark.hadoop.fs.s3a.secret.key"), "input unchanged");
    }

    @Test
    void sensitiveKeyMatching() {
        assertTrue(Redaction.isSensitive("fs.s3a.access-key"));
        assertTrue(Redaction.isSensitive("fs.azure.account.key.token.provider"));
        assertFalse(Redaction.isSensitive("fs.s3a.endpoint.region"));
        assertFalse(Redaction.isSensitive("access"));
        assertFalse(Redaction.isSensitive("spark.key.size"));
    }
}
