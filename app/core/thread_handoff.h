#pragma once

#include <QMetaObject>
#include <QObject>

#include <memory>
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
#endif

namespace ringside {

/** Runs fn on context's thread, like QMetaObject::invokeMethod(context, fn, type), and says so to
 *  ThreadSanitizer: what this thread did before the call happens before fn, and with
 *  Qt::BlockingQueuedConnection what fn did happens before the return. Qt's event queue gives that
 *  order, but Debian's Qt is not built with TSan, so TSan cannot see it by itself; every hand-off
 *  of data between our threads goes through here so that TSan checks the rest. Outside TSan builds
 *  this is invokeMethod and nothing more. */
template <typename Fn>
void invokeOn(QObject *context, Fn &&fn, Qt::ConnectionType type = Qt::QueuedConnection)
{
#ifdef RINGSIDE_TSAN
    auto token = std::make_shared<char>(0);
    auto call = [token, fn = std::forward<Fn>(fn)]() mutable {
        __tsan_acquire(token.get());
        fn();
        __tsan_release(token.get());
    };
    __tsan_release(token.get());
    QMetaObject::invokeMethod(context, std::move(call), type);
    if (type == Qt::BlockingQueuedConnection)
        __tsan_acquire(token.get());
#else
    QMetaObject::invokeMethod(context, std::forward<Fn>(fn), type);
#endif
}

} // namespace ringside
