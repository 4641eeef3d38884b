package dev.macula.api.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * DICOM dates and times (PS3.5 §6.2): DA {@code YYYYMMDD} (and the ACR-NEMA {@code YYYY.MM.DD}), TM
 * {@code HH[MM[SS[.F…]]]} (and {@code HH:MM:SS}), DT {@code YYYY[MM[DD[HH[MM[SS[.F…]]]]]][&ZZXX]}.
 * A timezone offset is dropped: the platform records the local time the device wrote. Anything that
 * does not parse is null, never an exception.
 */
final class DicomDates {

    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.trim();
        if (digits.length() == 10 && digits.charAt(4) == '.' && digits.charAt(7) == '.') {
            digits = digits.substring(0, 4) + digits.substring(5, 7) + digits.substring(8);
        }
        if (digits.length() != 8 || !allDigits(digits)) {
            return null;
        }
        try {
            return LocalDate.of(number(digits, 0, 4), number(digits, 4, 6), number(digits, 6, 8));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static LocalTime time(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.length() == 8 && value.charAt(2) == ':' && value.charAt(5) == ':') {
            value = value.substring(0, 2) + value.substring(3, 5) + value.substring(6);
        }
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (whole.length() < 2 || whole.length() > 6 || whole.length() % 2 != 0 || !allDigits(whole)
                || fraction.length() > 9 || !allDigits(fraction) || (dot >= 0 && whole.length() != 6)) {
            return null;
        }
        try {
            int hour = number(whole, 0, 2);
            int minute = whole.length() >= 4 ? number(whole, 2, 4) : 0;
            int second = whole.length() == 6 ? Math.min(number(whole, 4, 6), 59) : 0; // 60 = leap second
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            return LocalTime.of(hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static LocalDateTime dateTime(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        int zone = Math.max(value.indexOf('+'), value.indexOf('-'));
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        if (value.length() < 4) {
            return null;
        }
        String datePart = value.substring(0, Math.min(8, value.length()));
        if (!allDigits(datePart) || datePart.length() % 2 != 0) {
            return null;
        }
        String fullDate = datePart + "0101".substring(datePart.length() - 4);
        LocalDate date = date(fullDate);
        if (date == null) {
            return null;
        }
        if (value.length() <= 8) {
            return date.atStartOfDay();
        }
        LocalTime time = time(value.substring(8));
        return time == null ? null : date.atTime(time);
    }

    /** DT if present, else a DA and an optional TM combined. */
    static LocalDateTime dateTime(String dateTime, String date, String time) {
        LocalDateTime combined = dateTime(dateTime);
        if (combined != null) {
            return combined;
        }
        LocalDate day = date(date);
        if (day == null) {
            return null;
        }
        LocalTime clock = time(time);
        return clock == null ? day.atStartOfDay() : day.atTime(clock);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text.substring(from, to));
    }

    private DicomDates() {
    }
}
