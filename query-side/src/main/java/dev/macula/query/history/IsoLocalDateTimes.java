package dev.macula.query.history;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}'s text — what the API's JSON shows for a time — written
 * by hand: the formatter's general machinery cost a tenth of the event export's time. Years outside
 * 0000–9999 (which that formatter signs and widens) are left to it.
 */
final class IsoLocalDateTimes {

    private IsoLocalDateTimes() {
    }

    static String format(LocalDateTime time) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
        char[] out = new char[29];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, time.getHour(), 2);
        out[13] = ':';
        digits(out, 14, time.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, time.getSecond(), 2);
        int length = 19;
        int nanos = time.getNano();
        if (nanos > 0) {
            int width = 9;
            while (nanos % 10 == 0) { // the formatter drops trailing zeros of the fraction
                nanos /= 10;
                width--;
            }
            out[19] = '.';
            digits(out, 20, nanos, width);
            length = 20 + width;
        }
        return new String(out, 0, length);
    }

    /** {@code value} in decimal, zero-padded to {@code width} digits, at {@code at}. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
