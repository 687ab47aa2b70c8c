package dev.weft.internal.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a task poll the watchdog saw running past its threshold. Off unless enabled in the JFR settings. */
@Name("dev.weft.LongPoll")
@Label("Weft long task poll")
@Category({"Weft", "Runtime"})
@Description("A task poll that ran longer than the runtime's long-poll threshold")
@Enabled(false)
@StackTrace(false)
public final class LongPollEvent extends jdk.jfr.Event {
    @Label("Worker thread")
    public String workerThread;

    @Label("Running for")
    @Timespan(Timespan.NANOSECONDS)
    public long runningFor;

    @Label("Top frames")
    public String topFrames;
}
