package io.hookgate.app.tail;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live view shows a bounded number of lines a second and says, once the second is over, what it left out. */
class LineBudgetTest {

    private final AtomicLong nanos = new AtomicLong(5);

    private void advance(final long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void linesPastTheBudgetAreCountedByKindAndSummarisedWhenTheirSecondIsOver() {
        final LineBudget budget = new LineBudget(2, nanos::get);

        assertThat(budget.admit("received")).isTrue();
        assertThat(budget.admit("verified")).isTrue();
        assertThat(budget.admit("received")).isFalse();
        assertThat(budget.admit("verified")).isFalse();
        assertThat(budget.admit("received")).isFalse();
        advance(999);
        assertThat(budget.summary()).as("the second is not over yet").isEmpty();

        advance(1);
        assertThat(budget.summary()).hasValue(
            "3 more lines not shown (received 2, verified 1): over 2 a second; hookgate tail prints every one");
        assertThat(budget.summary()).as("said once").isEmpty();
        assertThat(budget.admit("delivery attempt")).as("a new second has its budget again").isTrue();
    }

    @Test
    void secondsNotYetSummarisedAddUp() {
        final LineBudget budget = new LineBudget(1, nanos::get);
        budget.admit("received");
        budget.admit("received");
        advance(1000);
        budget.admit("received");
        budget.admit("received");
        advance(1000);

        assertThat(budget.summary()).hasValueSatisfying(summary -> assertThat(summary).startsWith("2 more lines not shown (received 2)"));
    }

    @Test
    void noLimitAdmitsEveryLineAndNeverSummarises() {
        final LineBudget budget = new LineBudget(0, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(budget.admit("verified")).isTrue();
        }
        advance(2000);
        assertThat(budget.summary()).isEmpty();
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> new LineBudget(-1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
