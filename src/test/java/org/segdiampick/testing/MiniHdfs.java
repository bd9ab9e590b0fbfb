package org.segdiampick.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real in-process HDFS (one NameNode, one DataNode) from hadoop-client-minicluster, on a temporary
 * folder and 127.0.0.1 ephemeral ports. {@link #uri()} is {@code hdfs://127.0.0.1:port}; pass
 * {@link #configuration()} (or just the URI) to Hadoop FileSystem or Spark.
 */
public final class MiniHdfs implements AutoCloseable {
    private final Path baseDir;
    private final MiniDFSCluster cluster;
    private final Configuration conf;

    private MiniHdfs(Path baseDir, MiniDFSCluster cluster, Configuration conf) {
        this.baseDir = baseDir;
        this.cluster = cluster;
        this.conf = conf;
    }

    /** Starts the cluster and waits until it is active (blocks a few seconds). */
    public static MiniHdfs start() throws IOException {
        return start(false);
    }

    /**
     * A cluster that checks permissions, its NameNode run by {@code superuser}: the user of this JVM (root on
     * the test machine, for whom local chmod denies nothing) is then an ordinary HDFS user, so a file of
     * {@code superuser} with mode 000 really cannot be read by it. Create such files inside
     * {@code UserGroupInformation.createRemoteUser(superuser).doAs(...)}.
     */
    public static MiniHdfs startWithPermissionsAs(String superuser) throws IOException {
        try {
            return org.apache.hadoop.security.UserGroupInformation.createRemoteUser(superuser)
                    .doAs((java.security.PrivilegedExceptionAction<MiniHdfs>) () -> start(true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting HDFS", e);
        }
    }

    private static MiniHdfs start(boolean permissions) throws IOException {
        Path dir = Files.createTempDirectory("minihdfs");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        // Loopback only: the test machine may have no resolvable host name and must not expose ports.
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setBoolean("dfs.permissions.enabled", permissions);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, dir.toFile())
                .numDataNodes(1)
                .format(true)
                .build();
        cluster.waitActive();
        Configuration clientConf = new Configuration(cluster.getConfiguration(0));
        clientConf.set("fs.defaultFS", uriOf(cluster).toString());
        return new MiniHdfs(dir, cluster, clientConf);
    }

    private static URI uriOf(MiniDFSCluster cluster) {
        return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
    }

    /** {@code hdfs://127.0.0.1:port} of the NameNode. */
    public URI uri() {
        return uriOf(cluster);
    }

    /** A copy of the client configuration with {@code fs.defaultFS} set to {@link #uri()}. */
    public Configuration configuration() {
        return new Configuration(conf);
    }

    @Override
    public void close() throws IOException {
        // shutdown(true) deletes the data folders; remove whatever is left of the temporary base.
        cluster.shutdown(true);
        if (!Files.exists(baseDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(baseDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
