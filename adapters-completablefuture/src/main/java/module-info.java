/**
 * CompletionStage and CompletableFuture to and from Weft futures and tasks: {@link
 * dev.weft.adapters.completablefuture.CompletionStages}.
 */
module dev.weft.adapters.completablefuture {
    requires transitive dev.weft.runtime;

    exports dev.weft.adapters.completablefuture;
}
