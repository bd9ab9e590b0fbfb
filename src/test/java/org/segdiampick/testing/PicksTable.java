package org.segdiampick.testing;

import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/** {@code OUT/picks.parquet} read back with Spark SQL on the shared session, as sorted text lines. */
public final class PicksTable {
    private PicksTable() {
    }

    /** One line per row, "micrograph x y diameter merit", sorted: equal lists mean equal tables. */
    public static List<String> rows(String parquet) {
        List<String> out = new ArrayList<>();
        for (Row r : SharedSpark.spark().read().parquet(parquet).orderBy("micrograph", "x", "y", "diameter").collectAsList())
            out.add(r.getString(0) + " " + r.getInt(1) + " " + r.getInt(2) + " " + r.getDouble(3) + " " + (r.isNullAt(4) ? "null" : r.get(4)));
        return out;
    }
}
