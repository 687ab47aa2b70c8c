package dev.weft.internal.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a worker slept for want of work (its duration is the sleep). Off unless enabled. */
@Name("dev.weft.WorkerPark")
@Label("Weft worker park")
@Category({"Weft", "Runtime"})
@Enabled(false)
@StackTrace(false)
public final class WorkerParkEvent extends jdk.jfr.Event {
    @Label("Worker index")
    public int worker;
}
