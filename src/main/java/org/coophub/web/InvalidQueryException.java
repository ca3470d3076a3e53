package org.coophub.web;

import java.util.List;
import org.coophub.intake.FieldError;

/**
 * A report asked for with parameters that break a rule. Unlike a refused request it is not input to keep on record,
 * so it only answers 400 with every problem.
 */
public class InvalidQueryException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidQueryException(List<FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
