/**
 * Weft's internals; never exported. Layers, each knowing only the ones below it (an ArchUnit test
 * enforces this, since JPMS cannot police packages inside one module):
 *
 * <ol>
 *   <li>{@code util}: argument checks, rethrowing, the undeliverable-error sink; depends on nothing;
 *   <li>{@code dev.weft.future} (API): the contract and the combinators; uses util only;
 *   <li>{@code task}: the task state machine, OwnedTasks and the Scheduler interface; uses the
 *       future API and {@code JoinHandle};
 *   <li>{@code scheduler.*}: the executors; they reach the driver only through
 *       {@code driver.Parker};
 *   <li>{@code driver}: parking, and later the Selector reactor and the timing wheel.
 * </ol>
 */
package dev.weft.internal;
