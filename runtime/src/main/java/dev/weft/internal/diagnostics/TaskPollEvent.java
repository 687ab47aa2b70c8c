package dev.weft.internal.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: one task poll (its duration is the poll). Off unless enabled in the JFR settings, and
 * emitted only when the JVM runs with {@code -Dweft.jfr.taskPolls=true}, so the hot path pays
 * nothing otherwise (the check is a static final the JIT folds away).
 */
@Name("dev.weft.TaskPoll")
@Label("Weft task poll")
@Category({"Weft", "Runtime"})
@Enabled(false)
@StackTrace(false)
public final class TaskPollEvent extends jdk.jfr.Event {
    /** Whether workers emit poll events at all (-Dweft.jfr.taskPolls=true). */
    public static final boolean EMIT = Boolean.getBoolean("weft.jfr.taskPolls");

    @Label("Worker index")
    public int worker;
}
