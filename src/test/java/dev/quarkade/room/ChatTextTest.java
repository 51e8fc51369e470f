package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatTextTest {

    @Test
    void plainTextInAnyScriptIsKeptAsItIs() {
        for (String line : new String[] { "gg", "你好，大家！", "한국어", "مرحبا", "👨‍👩‍👧 family", "e\u0301clair" }) {
            assertThat(ChatText.clean(line)).isSameAs(line);
        }
    }

    @Test
    void controlCharactersEscapesAndBidiOverridesGo() {
        assertThat(ChatText.clean("a\u0000b\nc\td\u007Fe\u0085f")).isEqualTo("abcdef");
        assertThat(ChatText.clean("\u001B[1;31mred\u001B[0m \u001B]x")).isEqualTo("red x");
        assertThat(ChatText.clean("\u202Eevil\u202C \u2066iso\u2069 \u200Bzw\uFEFF")).isEqualTo("evil iso zw");
    }

    @Test
    void aLineWithNothingVisibleLeftIsNotRelayed() {
        assertThat(ChatText.clean("\n\r\u200B\u202E ")).isNull();
        assertThat(ChatText.clean("\u001B[2J")).isNull();
    }
}
