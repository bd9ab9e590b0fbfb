package org.segdiampick.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An in-process S3 endpoint (S3Proxy over jclouds' in-memory "transient" blob store) on 127.0.0.1 and
 * an ephemeral port, with one bucket created. {@link #s3aSettings()} are the Hadoop S3A settings that
 * reach it; apply them to a Hadoop Configuration or, prefixed with {@code spark.hadoop.}, to Spark.
 * The access key and secret are dummy test values, not credentials.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";
    public static final String REGION = "us-east-1";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final String bucket;

    private S3Server(BlobStoreContext context, S3Proxy proxy, String bucket) {
        this.context = context;
        this.proxy = proxy;
        this.bucket = bucket;
    }

    /** Starts the server with bucket {@code bucket} and waits until it accepts connections. */
    public static S3Server start(String bucket) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, bucket);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                context.close();
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new S3Server(context, proxy, bucket);
    }

    /** {@code http://127.0.0.1:port}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String bucket() {
        return bucket;
    }

    /** {@code s3a://bucket/}. */
    public URI bucketUri() {
        return URI.create("s3a://" + bucket + "/");
    }

    /** The Hadoop S3A settings that reach this server (keys without the {@code spark.hadoop.} prefix). */
    public Map<String, String> s3aSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", endpoint());
        s.put("fs.s3a.endpoint.region", REGION);
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", "false");
        s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        s.put("fs.s3a.access.key", ACCESS_KEY);
        s.put("fs.s3a.secret.key", SECRET_KEY);
        // S3Proxy's ETag/version handling differs from AWS on copies; the job writes each object once.
        s.put("fs.s3a.change.detection.mode", "none");
        s.put("fs.s3a.change.detection.version.required", "false");
        // Fail fast in tests instead of the default minutes of retries against a local server.
        s.put("fs.s3a.attempts.maximum", "2");
        s.put("fs.s3a.retry.limit", "2");
        s.put("fs.s3a.connection.establish.timeout", "15s");
        s.put("fs.s3a.connection.timeout", "30s");
        // Each test server has its own port; a cached FileSystem would point at a stopped one.
        s.put("fs.s3a.impl.disable.cache", "true");
        return s;
    }

    /** Applies {@link #s3aSettings()} to {@code conf} and returns it. */
    public Configuration applyTo(Configuration conf) {
        s3aSettings().forEach(conf::set);
        return conf;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
