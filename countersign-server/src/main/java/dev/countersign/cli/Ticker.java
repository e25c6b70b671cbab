package dev.countersign.cli;

import java.time.Duration;

/** Monotonic time and sleeping, so that tests of waiting and back-off need not wait for real. */
interface Ticker {

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    static Ticker system() {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }
        };
    }
}
