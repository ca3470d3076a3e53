package org.coophub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void escapesControlCharactersAndLoneSurrogatesKeepingEverythingElse() {
        assertThat(StorableText.escaped("a\u0000b\tc\nd\u007f")).isEqualTo("a\\u0000b\\u0009c\\u000Ad\\u007F");
        assertThat(StorableText.escaped("x\ud800y\udc00")).isEqualTo("x\\uD800y\\uDC00");
        assertThat(StorableText.escaped("\udc00\ud800")).isEqualTo("\\uDC00\\uD800");
        String ordinary = "预审一室 😀 𠀀 a-b_c";
        assertThat(StorableText.escaped(ordinary)).isSameAs(ordinary);
        assertThat(StorableText.escaped(null)).isNull();
    }

    @Test
    void namesTheFirstCharacterAValueCannotKeep() {
        assertThat(StorableText.problem("第一行\r\n\t第二行 😀")).isNull();
        assertThat(StorableText.problem("ab\u0000")).contains("U+0000", "character 3");
        assertThat(StorableText.problem("😀\ud83d")).contains("lone surrogate", "U+D83D", "character 3");
    }

    @Test
    void aFieldErrorKeepsWhatItQuotesStorable() {
        FieldError error = new FieldError("a\u0000b", "unknown-field", "key \ud800");
        assertThat(error.field()).isEqualTo("a\\u0000b");
        assertThat(error.message()).isEqualTo("key \\uD800");
    }

    @Test
    void aTruncatedTextKeepsWithinItsLengthAndNeverHalvesASurrogatePair() {
        String emoji = "\ud83d\ude00";
        assertThat(StorableText.truncate("abcd", 4)).isEqualTo("abcd");
        assertThat(StorableText.truncate("abcde", 4)).isEqualTo("abc…");
        assertThat(StorableText.truncate("ab" + emoji + "cd", 4)).isEqualTo("ab…").hasSizeLessThanOrEqualTo(4);
        assertThat(StorableText.truncate("a" + emoji + "cd", 4)).isEqualTo("a" + emoji + "…");
        assertThat(StorableText.problem(StorableText.truncate("ab" + emoji + "cd", 4))).isNull();
        assertThat(StorableText.truncate(null, 4)).isNull();
    }
}
