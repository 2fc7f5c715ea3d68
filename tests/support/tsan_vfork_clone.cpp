// Linked into every test executable of a ThreadSanitizer build (RINGSIDE_SANITIZE=thread), nowhere else.
//
// Qt 6.4's QProcess starts children with a vfork-style clone(CLONE_VM | CLONE_VFORK): the child runs
// on the parent's memory until it execs. GCC 12's libtsan intercepts clone() and treats every clone
// as a fork, so its "child after fork" bookkeeping runs in that child, on the parent's memory: the
// parent is then marked as a forked child (its main thread ignored, and the next thread it starts
// kills it: "starting new threads after multi-threaded fork is not supported"). Later TSan releases
// pass CLONE_VM clones straight through; this does the same here: such a clone goes to glibc
// directly, every other one to TSan's interceptor as before.

#include <cstdarg>
#include <dlfcn.h>
#include <sched.h>
#include <sys/types.h>

namespace {

using CloneFn = int (*)(int (*)(void *), void *, int, void *, ...);

CloneFn glibcClone()
{
    static const CloneFn fn = [] {
        void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
        return libc ? reinterpret_cast<CloneFn>(dlsym(libc, "clone")) : nullptr;
    }();
    return fn;
}

CloneFn interceptedClone()
{
    static const CloneFn fn = reinterpret_cast<CloneFn>(dlsym(RTLD_NEXT, "clone"));
    return fn;
}

} // namespace

extern "C" int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
    va_list ap;
    va_start(ap, arg);
    auto *parentTid = va_arg(ap, pid_t *);
    void *tls = va_arg(ap, void *);
    auto *childTid = va_arg(ap, pid_t *);
    va_end(ap);
    const CloneFn target = (flags & CLONE_VM) && glibcClone() ? glibcClone() : interceptedClone();
    return target(fn, stack, flags, arg, parentTid, tls, childTid);
}
