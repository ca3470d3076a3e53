package org.coophub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.coophub.privacy.IdNumberFixtures;
import org.coophub.privacy.IdNumbers;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    private static final String ID_NUMBER = IdNumberFixtures.valid("110105", "19900307", "451");

    @Test
    void anIdNumberQuotedInARefusalIsMaskedWhereverItIsBuilt() {
        FieldError error = new FieldError("detentions", "json-type", "must be a whole number, is \"" + ID_NUMBER + "\"");

        assertThat(error.message()).isEqualTo("must be a whole number, is \"" + IdNumbers.mask(ID_NUMBER) + "\"");
        assertThat(new FieldError(ID_NUMBER, "unknown-field", "is not a field").field())
                .isEqualTo(IdNumbers.mask(ID_NUMBER));
    }

    @Test
    void aControlCharacterIsStillWrittenAsAnEscape() {
        assertThat(new FieldError("a\u0000b", "characters", "quotes \u0000").toString())
                .isEqualTo("a\\u0000b: quotes \\u0000 [characters]");
    }
}
