package org.coophub.intake;

import org.coophub.privacy.PersonalData;

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

    /**
     * A field name can be a JSON key and a message can quote a value: both are kept storable, whatever was sent, and
     * an ID number in either is masked, since refusals go back to the sender, to the log and to the ledger.
     */
    public FieldError {
        field = PersonalData.maskText(StorableText.escaped(field));
        message = PersonalData.maskText(StorableText.escaped(message));
    }

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
