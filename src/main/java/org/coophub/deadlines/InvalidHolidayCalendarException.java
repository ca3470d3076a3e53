package org.coophub.deadlines;

/** The holiday calendar file cannot be used; the message names the file and the bad entry. */
public class InvalidHolidayCalendarException extends RuntimeException {

    public InvalidHolidayCalendarException(String message) {
        super(message);
    }

    public InvalidHolidayCalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
