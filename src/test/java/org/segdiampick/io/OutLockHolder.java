package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;

/** A process that takes a lock and waits to be signalled (OutLockTest). */
public final class OutLockHolder {
    private OutLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        OutLock.acquire(args[0], "OutLockHolder", new Configuration());
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
