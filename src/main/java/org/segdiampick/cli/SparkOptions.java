package org.segdiampick.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Options shared by the subcommands that run Spark. */
public class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (embedded runs; default local[*]). Under spark-submit its --master wins.")
    public String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "Spark or Hadoop setting, repeatable, as with spark-submit (e.g. spark.hadoop.fs.s3a.endpoint=...).")
    public Map<String, String> conf = new LinkedHashMap<>();
}
