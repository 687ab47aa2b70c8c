package dev.weft.integrations;

import dev.weft.runtime.WeftRuntime;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Makes BlockHound treat Weft's worker threads as non-blocking, the way Reactor's are, so a
 * blocking call inside a task (a {@code Thread.sleep}, a blocking socket read, a
 * {@code Future.get}) fails that task with BlockHound's {@code BlockingOperationError} instead of
 * silently stalling every task behind it. Found by BlockHound's ServiceLoader when this module is
 * on the class path; {@code BlockHound.install()} is all a test suite needs to call.
 *
 * <p>The runtime's own waits are allowed: a worker parking when idle, selecting on the reactor,
 * and handing work to the blocking pool.
 */
public final class WeftBlockHoundIntegration implements BlockHoundIntegration {
    /** Created by BlockHound's ServiceLoader. */
    public WeftBlockHoundIntegration() {}

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(WeftRuntime::isWorkerThread));
        builder.allowBlockingCallsInside("dev.weft.internal.driver.ThreadParker", "park");
        builder.allowBlockingCallsInside("dev.weft.internal.driver.io.IoDriver", "select");
        builder.allowBlockingCallsInside("dev.weft.internal.scheduler.blocking.BlockingPool", "schedule");
    }
}
