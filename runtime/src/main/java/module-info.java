/**
 * Weft's runtime: poll-based futures and streams, tasks, executors, timers, I/O and sync
 * primitives. Depends on the JDK alone.
 */
module dev.weft.runtime {
    // JFR events for polls, parks and long polls (off unless enabled); a JDK module.
    requires jdk.jfr;
    exports dev.weft.internal.diagnostics to jdk.jfr;

    // API
    exports dev.weft.future;
    exports dev.weft.net;
    exports dev.weft.runtime;
    exports dev.weft.stream;
    exports dev.weft.sync;
    exports dev.weft.time;
}
