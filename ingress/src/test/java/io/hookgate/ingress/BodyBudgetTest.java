package io.hookgate.ingress;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BodyBudgetTest {

    @Test
    void chargesWhatFitsAndRefusesTheRestWithoutChargingIt() {
        final BodyBudget budget = new BodyBudget(1000);
        assertThat(budget.tryCharge(600)).isTrue();
        assertThat(budget.tryCharge(401)).isFalse();
        assertThat(budget.bufferedBytes()).isEqualTo(600);
        assertThat(budget.tryCharge(400)).isTrue();
        assertThat(budget.isFull()).isTrue();
        budget.release(600);
        assertThat(budget.isFull()).isFalse();
        assertThat(budget.bufferedBytes()).isEqualTo(400);
    }

    @Test
    void neverOverchargesUnderContention() throws Exception {
        final BodyBudget budget = new BodyBudget(10_000);
        final AtomicInteger granted = new AtomicInteger();
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            threads.submit(() -> {
                for (int n = 0; n < 10_000; n++) {
                    if (budget.tryCharge(7)) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted.get()).isEqualTo(10_000 / 7);
        assertThat(budget.bufferedBytes()).isEqualTo(10_000 / 7 * 7L);
    }
}
