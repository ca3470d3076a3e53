package org.coophub.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatNeedsItAndDefusesFormulas() {
        assertThat(Csv.line("预审一室", 7, -10, null, "a,b", "say \"hi\"", "=1+1"))
                .isEqualTo("预审一室,7,-10,,\"a,b\",\"say \"\"hi\"\"\",'=1+1\r\n");
    }

    @Test
    void readsQuotedAndEmptyFields() {
        assertThat(Csv.fields("a,\"b,\"\"c\"\"\",,d")).containsExactly("a", "b,\"c\"", "", "d");
        assertThat(Csv.fields("")).containsExactly("");
        assertThatThrownBy(() -> Csv.fields("\"open,1")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Csv.fields("\"a\"b,1")).hasMessageContaining("after a closing quote");
    }
}
