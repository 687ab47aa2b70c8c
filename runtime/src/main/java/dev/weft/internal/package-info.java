/**
 * Weft's internals; never exported. Layers, each knowing only the ones below it (an ArchUnit test
 * enforces this, since JPMS cannot police packages inside one module):
 *
 * <ol>
 *   <li>{@code util}: argument checks, rethrowing, the undeliverable-error sink; depends on nothing;
 *   <li>{@code wake}: waking a user's waker, routing what it throws to util's error sink;
 *   <li>{@code dev.weft.future} (API): the contract and the combinators; uses util and wake only;
 *   <li>{@code task}: the task state machine, OwnedTasks and the Scheduler interface; uses the
 *       future API and {@code JoinHandle};
 *   <li>{@code scheduler.*}: the executors; they see only the driver's narrow surface: the
 *       parkers, {@code RuntimeContext}, and {@code TimeDriver}'s park-and-fire calls;
 *   <li>{@code driver}: parking, the timing wheel ({@code driver.time}) and, later, the Selector
 *       reactor; it knows no scheduler. The public {@code dev.weft.time} (and later
 *       {@code dev.weft.net}) reach it through {@code RuntimeContext}.
 * </ol>
 */
package dev.weft.internal;
