package org.segdiampick.job;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.segdiampick.pick.Pick;
import org.segdiampick.pick.refined.RefinedPick;
import org.segdiampick.pick.refined.SizeEvidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import java.util.ArrayList;
import java.util.List;

/**
 * The explicit Spark SQL schemas of the job's tables and the conversions to and from them:
 * {@link #PASS1} — one row per micrograph after stage 1 (its task and its {@link Pass1Outcome}, particles as
 * arrays), kept on the executors, from which the driver selects only {@link #DRIVER_COLUMNS} (no centres); and
 * {@link #PICKS} — one row per particle kept by stage 6, the schema of {@code OUT/picks.parquet}.
 */
final class OutcomeRows {
    private OutcomeRows() {
    }

    private static final DataType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType, false);
    private static final DataType INTS = DataTypes.createArrayType(DataTypes.IntegerType, false);

    static final StructType PASS1 = new StructType(new StructField[]{
            field("index", DataTypes.IntegerType, false), field("micrograph", DataTypes.StringType, false),
            field("smpd", DataTypes.DoubleType, false), field("name", DataTypes.StringType, false),
            field("cached_den", DataTypes.StringType, true), field("cached_topo", DataTypes.StringType, true),
            field("cached_bin", DataTypes.StringType, true), field("cached_diam", DataTypes.StringType, true),
            field("status", DataTypes.StringType, false), field("error", DataTypes.StringType, true),
            field("diameters", DOUBLES, false), field("x", INTS, true), field("y", INTS, true), field("merit", DOUBLES, true),
            field("raw_nx", DataTypes.IntegerType, false), field("raw_ny", DataTypes.IntegerType, false),
            field("den", DataTypes.StringType, true), field("topo", DataTypes.StringType, true),
            field("bin", DataTypes.StringType, true), field("diam", DataTypes.StringType, true),
            field("thumb", DataTypes.StringType, true), field("carbon_fraction", DataTypes.DoubleType, false),
            field("executor", DataTypes.StringType, true), field("millis", DataTypes.LongType, false),
            field("evidence", DataTypes.BinaryType, true)});

    /**
     * What the driver collects of {@link #PASS1}: everything but the particle centres and merits, and the refined
     * picker's size evidence (which is tree-aggregated on the executors instead, {@link #evidence}).
     */
    static final String[] DRIVER_COLUMNS = driverColumns();

    /** {@code OUT/picks.parquet}: every particle of the run's box files. */
    static final StructType PICKS = new StructType(new StructField[]{
            field("micrograph", DataTypes.StringType, false), field("x", DataTypes.IntegerType, false),
            field("y", DataTypes.IntegerType, false), field("diameter", DataTypes.DoubleType, false),
            field("figure_of_merit", DataTypes.DoubleType, true)});

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    private static String[] driverColumns() {
        List<String> c = new ArrayList<>();
        for (String f : PASS1.fieldNames()) if (!f.equals("x") && !f.equals("y") && !f.equals("merit") && !f.equals("evidence")) c.add(f);
        return c.toArray(String[]::new);
    }

    /** A row of {@link #PASS1}; {@code evidence} (the refined picker's, null without it) as Java-serialised bytes. */
    static Row pass1(MicTask t, Pass1Outcome o, SizeEvidence evidence) {
        Particles p = o.particles();
        return RowFactory.create(t.index(), t.intg(), t.smpd(), t.name(), t.cachedDen(), t.cachedTopo(), t.cachedBin(),
                t.cachedDiam(), o.status().name(), o.error(), p.diameters(), p.x(), p.y(), p.merit(),
                o.rawNx(), o.rawNy(), o.den(), o.topo(), o.bin(), o.diam(), o.thumb(), o.carbonFraction(), o.executorId(), o.millis(),
                evidence == null ? null : serialise(evidence));
    }

    /** The size evidence of a {@link #PASS1} row (column {@code evidence}, not null). */
    static SizeEvidence evidence(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            return (SizeEvidence) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("corrupt size evidence in the stage-1 table", e);
        }
    }

    /** Compressed: most of the evidence's histogram bins are zero, and the table is cached for every micrograph. */
    private static byte[] serialise(SizeEvidence e) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(b))) {
            out.writeObject(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return b.toByteArray();
    }

    static MicTask task(Row r) {
        return new MicTask(r.getInt(0), r.getString(1), r.getDouble(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7));
    }

    /** A row of {@link #PASS1} (all columns) back to its outcome. */
    static Pass1Outcome outcome(Row r) {
        Particles p = new Particles(doubles(r.getList(10)), ints(r.getList(11)), ints(r.getList(12)),
                r.isNullAt(13) ? null : doubles(r.getList(13)));
        return outcome(r, p, 14);
    }

    /** A row of {@link #DRIVER_COLUMNS} back to an outcome whose particles carry diameters only. */
    static Pass1Outcome driverOutcome(Row r) {
        return outcome(r, Particles.diametersOnly(doubles(r.getList(10))), 11);
    }

    private static Pass1Outcome outcome(Row r, Particles p, int k) {
        return new Pass1Outcome(r.getInt(0), r.getString(3), Pass1Outcome.Status.valueOf(r.getString(8)), r.getString(9), p,
                r.getInt(k), r.getInt(k + 1), r.getString(k + 2), r.getString(k + 3), r.getString(k + 4), r.getString(k + 5),
                r.getString(k + 6), r.getDouble(k + 7), r.getString(k + 8), r.getLong(k + 9));
    }

    static Row pick(String micrograph, Pick p) {
        return RowFactory.create(micrograph, p.x(), p.y(), p.diameter(), null);
    }

    /** A refined pick: its box file's diameter (the learned particle diameter) and its figure of merit. */
    static Row pick(String micrograph, RefinedPick p, double diameter) {
        return RowFactory.create(micrograph, p.x(), p.y(), diameter, p.figureOfMerit());
    }

    private static double[] doubles(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    private static int[] ints(List<Integer> l) {
        if (l == null) return null;
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }
}
