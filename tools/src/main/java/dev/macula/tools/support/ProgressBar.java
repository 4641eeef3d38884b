package dev.macula.tools.support;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line live progress bar on stderr: count, percentage, rate over the last seconds and ETA.
 * Without a terminal (CI, pipes) it prints a plain line every few seconds instead of redrawing.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final String label;
    private final String unit;
    private long lastPrint;
    private double rate;
    private long lastDone;
    private long lastRateNanos = startNanos;

    public ProgressBar(PrintStream out, boolean terminal, String label) {
        this(out, terminal, label, "img");
    }

    /** @param unit what is counted, for the rate ("img" → "img/s") */
    public ProgressBar(PrintStream out, boolean terminal, String label, String unit) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.unit = unit;
    }

    public synchronized void update(long done, long total, long failed, boolean force) {
        long now = System.nanoTime();
        long interval = terminal ? 250_000_000L : 5_000_000_000L;
        if (!force && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        double seconds = (now - lastRateNanos) / 1e9;
        if (seconds >= 1 || rate == 0) {
            double recent = seconds > 0 ? (done - lastDone) / seconds : 0;
            rate = rate == 0 ? recent : 0.7 * rate + 0.3 * recent; // smoothed, recent-weighted
            lastDone = done;
            lastRateNanos = now;
        }
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "--:--";
        String line = String.format("%s [%s%s] %d/%d %3.0f%% %.1f %s/s ETA %s%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, fraction * 100, rate, unit, eta,
                failed > 0 ? " failed " + failed : "");
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    public synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public static String format(Duration duration) {
        long s = duration.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
