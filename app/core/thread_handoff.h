#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <optional>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define RINGSIDE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RINGSIDE_TSAN 1
#endif
#endif

#ifdef RINGSIDE_TSAN
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

namespace ringside {

namespace detail {
/** What ThreadSanitizer is told about a hand-off; nothing at all in other builds. The sync object is
 *  the receiving QThread: the receiving side finds it without reading anything the sending side
 *  wrote (reading the posted functor's captures before the acquire would itself be a "race"). */
inline void handoffRelease([[maybe_unused]] QThread *thread)
{
#ifdef RINGSIDE_TSAN
    __tsan_release(thread);
#endif
}
inline void handoffAcquire([[maybe_unused]] QThread *thread)
{
#ifdef RINGSIDE_TSAN
    __tsan_acquire(thread);
#endif
}
/** The posted functor's own bytes (its captures' shallow parts) are copied inside invokeMethod,
 *  after the release (which must precede the post); moving them out on the receiving side is
 *  therefore hidden from TSan. What the captures point to was written before the release and
 *  stays checked, as does everything fn then does. */
template <typename Callable>
Callable takeUnchecked(std::optional<Callable> &fn)
{
#ifdef RINGSIDE_TSAN
    __tsan_ignore_thread_begin();
#endif
    Callable local = std::move(*fn);
    fn.reset();
#ifdef RINGSIDE_TSAN
    __tsan_ignore_thread_end();
#endif
    return local;
}
} // namespace detail

/** Runs fn on context's thread, like QMetaObject::invokeMethod(context, fn, type), with two
 *  guarantees of its own:
 *  - fn's captures are destroyed on context's thread, right after fn ran. (Qt keeps a reference to
 *    the posted functor on the posting thread until invokeMethod returns, so with plain invokeMethod
 *    whichever thread lets go last destroys it, often the posting one.)
 *  - ThreadSanitizer is told the order: what this thread did before the call happens before fn, and
 *    with Qt::BlockingQueuedConnection what fn did happens before the return. Qt's event queue gives
 *    that order, but Debian's Qt is not built with TSan, so TSan cannot see it by itself; every
 *    hand-off of data between our threads goes through here so that TSan checks the rest. */
template <typename Fn>
void invokeOn(QObject *context, Fn &&fn, Qt::ConnectionType type = Qt::QueuedConnection)
{
    using Callable = std::decay_t<Fn>;
    auto call = [fn = std::optional<Callable>(std::forward<Fn>(fn))]() mutable {
        detail::handoffAcquire(QThread::currentThread());
        {
            Callable local = detail::takeUnchecked(fn);
            local();
        } // local's captures die here, on this thread
        detail::handoffRelease(QThread::currentThread());
    };
    QThread *const target = context->thread();
    detail::handoffRelease(target);
    QMetaObject::invokeMethod(context, std::move(call), type);
    if (type == Qt::BlockingQueuedConnection)
        detail::handoffAcquire(target);
}

} // namespace ringside
