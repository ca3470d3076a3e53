package org.coophub.intake;

import java.util.List;
import java.util.stream.Collectors;
import org.coophub.privacy.PersonalData;

/** A submission that cannot be relayed, with every problem found so the submitter can fix them in one go. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        this("cooperation request", errors);
    }

    /** @param what the kind of document refused, e.g. "reply", for the message */
    public InvalidRequestException(String what, List<FieldError> errors) {
        super(describe(what, errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    // Masked again here because the message ends up in logs whoever built the errors.
    private static String describe(String what, List<FieldError> errors) {
        return PersonalData.maskText(errors.stream()
                .map(FieldError::toString)
                .collect(Collectors.joining("\n  ", "invalid " + what + ", " + errors.size()
                        + (errors.size() == 1 ? " error:" : " errors:") + "\n  ", "")));
    }
}
