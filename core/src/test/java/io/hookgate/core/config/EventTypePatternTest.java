package io.hookgate.core.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypePatternTest {

    @Test
    void starMatchesAnyRunAndTheRestIsLiteral() {
        assertThat(EventTypePattern.parse("invoice.*").matches("invoice.paid")).isTrue();
        assertThat(EventTypePattern.parse("invoice.*").matches("invoice.")).isTrue();
        assertThat(EventTypePattern.parse("invoice.*").matches("invoiceXpaid")).isFalse();
        assertThat(EventTypePattern.parse("*.created").matches("customer.subscription.created")).isTrue();
        assertThat(EventTypePattern.parse("charge.succeeded").matches("charge.succeeded")).isTrue();
        assertThat(EventTypePattern.parse("charge.succeeded").matches("charge.succeeded.x")).isFalse();
        assertThat(EventTypePattern.parse("*").matches(null)).isFalse();
    }

    @Test
    void rejectsRegexSyntaxAndBlanks() {
        assertThatThrownBy(() -> EventTypePattern.parse("a|b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypePattern.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypePattern.parse("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
