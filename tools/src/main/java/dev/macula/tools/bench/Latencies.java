package dev.macula.tools.bench;

import java.util.Arrays;

/** Latency sampling shared by the benchmarks: warm-up calls first, then p50 and p99 in milliseconds. */
final class Latencies {

    interface Call {
        void run() throws Exception;
    }

    private Latencies() {
    }

    /** {@code {p50, p99}} in milliseconds over {@code n} timed calls, after {@code warmUp} untimed ones. */
    static double[] time(int warmUp, int n, Call call) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            call.run();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return percentiles(ms);
    }

    /** {@code {p50, p99}} of the values (which are left as they are). */
    static double[] percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[]{sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1]};
    }
}
