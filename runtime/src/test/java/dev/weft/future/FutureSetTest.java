package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.MockTask;
import dev.weft.testing.NoUndeliverableErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoUndeliverableErrors.class)
class FutureSetTest {

    @Test
    void yieldsCompletionsInTheOrderTheyFinish() {
        FutureSet<String> set = new FutureSet<>();
        FuturesTest.Manual<String> a = new FuturesTest.Manual<>();
        FuturesTest.Manual<String> b = new FuturesTest.Manual<>();
        assertEquals(0, set.add(a));
        assertEquals(1, set.add(b));
        MockTask<FutureSet.Completion<String>> t = MockTask.of(set::pollNext);
        t.pollPending();
        b.complete("b");
        assertTrue(t.isWoken());
        FutureSet.Completion<String> c = t.pollReady();
        assertEquals(1, c.key());
        assertEquals("b", c.get());
        assertEquals(1, set.size());
        a.complete("a");
        assertEquals("a", t.pollReady().get());
        assertTrue(set.isEmpty());
        assertNull(t.pollReady(), "an empty set is ready with null");
    }

    @Test
    void aFailureIsAReportedCompletion() {
        FutureSet<String> set = new FutureSet<>();
        IllegalStateException boom = new IllegalStateException();
        set.add(Futures.failed(boom));
        FutureSet.Completion<String> c = MockTask.of(set::pollNext).pollReady();
        assertTrue(c.isFailure());
        assertSame(boom, c.failure());
    }

    @Test
    void aMemberThatAlwaysWakesItselfCannotSpinThePoller() {
        FutureSet<Void> set = new FutureSet<>();
        int[] polls = new int[1];
        set.add(cx -> {
            polls[0]++;
            cx.waker().wake();
            return Poll.pending();
        });
        MockTask<FutureSet.Completion<Void>> t = MockTask.of(set::pollNext);
        t.pollPending();
        assertEquals(1, polls[0], "one poll per member per pollNext");
        assertTrue(t.isWoken(), "the owner is woken to come back");
    }

    @Test
    void aPollThatLeavesEveryMemberWaitingDoesNotWakeTheOwner() {
        FutureSet<String> set = new FutureSet<>();
        FuturesTest.Manual<String> a = new FuturesTest.Manual<>();
        FuturesTest.Manual<String> b = new FuturesTest.Manual<>();
        set.add(a);
        set.add(b);
        MockTask<FutureSet.Completion<String>> t = MockTask.of(set::pollNext);
        t.pollPending();
        assertEquals(0, t.wakeCount(), "nothing was woken, so there is nothing to come back for");
        a.complete("a");
        assertTrue(t.isWoken(), "the owner's waker was registered");
        assertEquals("a", t.pollReady().get());
    }

    @Test
    void budgetExhaustionInAMemberRequeuesIt() {
        FutureSet<Integer> set = new FutureSet<>();
        set.add(cx -> cx.tryConsumeBudget() ? Poll.ready(1) : Poll.pending());
        MockTask<FutureSet.Completion<Integer>> t = MockTask.of(set::pollNext);
        t.setBudget(0);
        t.pollPending();
        assertTrue(t.isWoken());
        t.setBudget(10);
        assertEquals(1, t.pollReady().get(), "the member was polled again after the budget refilled");
    }

    @Test
    void aSpentBudgetStopsThePollInsteadOfFailingEveryMember() {
        FutureSet<Integer> set = new FutureSet<>();
        int[] polls = new int[1];
        for (int i = 0; i < 1_000; i++) {
            set.add(cx -> {
                polls[0]++;
                return cx.tryConsumeBudget() ? Poll.ready(1) : Poll.pending();
            });
        }
        MockTask<FutureSet.Completion<Integer>> t = MockTask.of(set::pollNext);
        t.setBudget(0);
        t.pollPending();
        assertEquals(1, polls[0], "one member found the budget spent; the other 999 were not polled");
        assertTrue(t.isWoken());
        t.setBudget(Integer.MAX_VALUE);
        int done = 0;
        while (!set.isEmpty()) {
            if (t.poll().isReady()) {
                done++;
            }
        }
        assertEquals(1_000, done, "every member, including the requeued one, completes later");
    }

    @Test
    void cancelAllCancelsEveryUnfinishedMember() {
        FutureSet<String> set = new FutureSet<>();
        FuturesTest.Manual<String> a = new FuturesTest.Manual<>();
        FuturesTest.Manual<String> b = new FuturesTest.Manual<>();
        set.add(a);
        set.add(b);
        set.cancelAll();
        assertEquals(1, a.cancels);
        assertEquals(1, b.cancels);
        assertTrue(set.isEmpty());
    }
}
