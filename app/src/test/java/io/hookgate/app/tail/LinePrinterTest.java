package io.hookgate.app.tail;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A live line prints what it quotes from outside without its control characters: no escape sequence, no forged second line. */
class LinePrinterTest {

    private static String printed(final LiveLine line, final boolean colour) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LinePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), colour).print(line);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapeSequencesAndLineBreaksFromAWebhookArePrintedEscaped() {
        final String hostile = "Unrecognized token 'x\u001b]0;pwned\u0007\u001b[2J': was expecting\n12:00:00.000  delivered  forged";
        final String out = printed(new LiveLine(Instant.EPOCH, LiveLine.Kind.REJECTED, "shop", "ing_1\r", hostile), false);
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        assertThat(out.lines()).hasSize(1);
        assertThat(out).contains("x\\u001b]0;pwned\\u0007\\u001b[2J").contains("ing_1\\u000d").contains("expecting\\u000a12:00");
    }

    @Test
    void itsOwnColoursStayAndPlainTextIsUnchanged() {
        final String out = printed(new LiveLine(Instant.EPOCH, LiveLine.Kind.DELIVERED, "shop", "billing evt_1", "204 in 3 ms"), true);
        assertThat(out).contains("\u001b[32mdelivered").contains("billing evt_1  204 in 3 ms");
        assertThat(LinePrinter.printable("évt_1 · ok")).isEqualTo("évt_1 · ok");
    }
}
