package org.coophub.intake;

/**
 * One thing wrong with a submitted request.
 *
 * @param field JSON path of the offending value, e.g. {@code subjects[1].idNumber}, or
 *              {@link #DOCUMENT} when the document as a whole is unusable
 * @param rule  stable rule name (e.g. {@code id-check}) that local systems can match on
 * @param message what is wrong, in words; never contains personal data unmasked
 */
public record FieldError(String field, String rule, String message) {

    public static final String DOCUMENT = "(document)";

    /** A field name can be a JSON key and a message can quote one: both are kept storable, whatever was sent. */
    public FieldError {
        field = StorableText.escaped(field);
        message = StorableText.escaped(message);
    }

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
