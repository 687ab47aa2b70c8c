/**
 * RxJava 3 {@code Single}, {@code Maybe}, {@code Completable}, {@code Flowable} and
 * {@code Observable} to and from Weft futures and streams, and schedulers both ways:
 * {@link dev.weft.adapters.rxjava.RxJavaAdapters}.
 */
module dev.weft.adapters.rxjava {
    requires transitive dev.weft.adapters.reactivestreams;
    requires transitive io.reactivex.rxjava3;

    exports dev.weft.adapters.rxjava;
}
