#include "store/coalescing_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <vector>

namespace ringside {

namespace {

constexpr int kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
// A commit of the largest batch is well below this; beyond it the buffer is written out early.
constexpr size_t kMaxBufferedBytes = 4 * 1024 * 1024;
// The unix VFS writes at most 128 KiB - 1 bytes per call (it masks larger sizes).
constexpr size_t kMaxWriteBytes = 124 * 1024;

sqlite3_vfs *g_base = nullptr; // the VFS this one wraps (normally "unix")
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

/** Our sqlite3_file: the base VFS's own file object follows it in the same allocation. */
struct File
{
    sqlite3_file file; // must be first: SQLite sees this
    sqlite3_file *base = nullptr;
    bool wal = false;
    bool commitPageNext = false; // the last write was a commit frame's header
    // The first failed flush: SQLite was told those bytes were written, so nothing on this file may
    // succeed any more (no later commit may reference the lost frames) until it is closed.
    int failed = SQLITE_OK;
    sqlite3_int64 start = 0;     // file offset of pending[0]
    std::vector<char> pending;
};

File *fileOf(sqlite3_file *file)
{
    return reinterpret_cast<File *>(file);
}

sqlite3_file *baseOf(sqlite3_file *file)
{
    return fileOf(file)->base;
}

int writeThrough(File *f, const char *data, size_t amount, sqlite3_int64 offset)
{
    for (size_t done = 0; done < amount;) {
        const size_t n = std::min(amount - done, kMaxWriteBytes);
        if (const int rc = f->base->pMethods->xWrite(f->base, data + done, int(n), offset + sqlite3_int64(done));
            rc != SQLITE_OK)
            return rc;
        done += n;
    }
    return SQLITE_OK;
}

int flush(File *f)
{
    if (f->failed != SQLITE_OK || f->pending.empty())
        return f->failed;
    const int rc = writeThrough(f, f->pending.data(), f->pending.size(), f->start);
    f->pending.clear(); // keeps its capacity for the next commit
    f->failed = rc;
    return rc;
}

int flush(sqlite3_file *file)
{
    return flush(fileOf(file));
}

// A WAL frame header's bytes 4-7 hold the database size after a commit frame, 0 otherwise.
bool isCommitFrameHeader(const void *data, int amount, sqlite3_int64 offset)
{
    if (amount != kFrameHeaderBytes || offset < kWalHeaderBytes)
        return false;
    const auto *b = static_cast<const unsigned char *>(data);
    return (b[4] | b[5] | b[6] | b[7]) != 0;
}

int xClose(sqlite3_file *file)
{
    File *f = fileOf(file);
    const int flushed = f->failed != SQLITE_OK ? SQLITE_OK : flush(f); // failed: reported already
    const int closed = f->base->pMethods ? f->base->pMethods->xClose(f->base) : SQLITE_OK;
    f->~File();
    return flushed != SQLITE_OK ? flushed : closed;
}

int xRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return baseOf(file)->pMethods->xRead(baseOf(file), data, amount, offset);
}

int xWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    File *f = fileOf(file);
    if (!f->wal)
        return f->base->pMethods->xWrite(f->base, data, amount, offset);
    if (f->failed != SQLITE_OK)
        return f->failed;
    const bool contiguous = offset == f->start + sqlite3_int64(f->pending.size());
    if (!f->pending.empty() && (!contiguous || f->pending.size() + size_t(amount) > kMaxBufferedBytes)) {
        if (const int rc = flush(f); rc != SQLITE_OK)
            return rc;
    }
    if (size_t(amount) > kMaxBufferedBytes)
        return writeThrough(f, static_cast<const char *>(data), size_t(amount), offset);
    if (f->pending.empty())
        f->start = offset;
    const char *bytes = static_cast<const char *>(data);
    f->pending.insert(f->pending.end(), bytes, bytes + amount);
    // A commit becomes visible to other connections right after its last frame is written, even
    // without a sync (synchronous=NORMAL): so it must be in the file by then.
    const bool endsCommit = f->commitPageNext;
    f->commitPageNext = isCommitFrameHeader(data, amount, offset);
    return endsCommit ? flush(f) : SQLITE_OK;
}

// Truncate, sync, size and (un)lock see the file as SQLite wrote it: the buffered bytes go first.
// SQLite takes no locks on a WAL file (WAL locks live in the shm of the database file), but if it
// ever did, another process could then look at the file.
template <auto Method, typename... Args>
int flushThen(sqlite3_file *file, Args... args)
{
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return (baseOf(file)->pMethods->*Method)(baseOf(file), args...);
}

int xCheckReservedLock(sqlite3_file *file, int *out)
{
    return baseOf(file)->pMethods->xCheckReservedLock(baseOf(file), out);
}

int xFileControl(sqlite3_file *file, int op, void *arg)
{
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return baseOf(file)->pMethods->xFileControl(baseOf(file), op, arg);
}

int xSectorSize(sqlite3_file *file)
{
    return baseOf(file)->pMethods->xSectorSize(baseOf(file));
}

int xDeviceCharacteristics(sqlite3_file *file)
{
    return baseOf(file)->pMethods->xDeviceCharacteristics(baseOf(file));
}

int xShmMap(sqlite3_file *file, int page, int pageSize, int extend, void volatile **out)
{
    const sqlite3_io_methods *m = baseOf(file)->pMethods;
    return m->iVersion >= 2 ? m->xShmMap(baseOf(file), page, pageSize, extend, out) : SQLITE_IOERR_SHMMAP;
}

int xShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    const sqlite3_io_methods *m = baseOf(file)->pMethods;
    return m->iVersion >= 2 ? m->xShmLock(baseOf(file), offset, n, flags) : SQLITE_IOERR_SHMLOCK;
}

void xShmBarrier(sqlite3_file *file)
{
    const sqlite3_io_methods *m = baseOf(file)->pMethods;
    if (m->iVersion >= 2)
        m->xShmBarrier(baseOf(file));
}

int xShmUnmap(sqlite3_file *file, int deleteFlag)
{
    const sqlite3_io_methods *m = baseOf(file)->pMethods;
    return m->iVersion >= 2 ? m->xShmUnmap(baseOf(file), deleteFlag) : SQLITE_OK;
}

int xFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    const sqlite3_io_methods *m = baseOf(file)->pMethods;
    if (m->iVersion >= 3)
        return m->xFetch(baseOf(file), offset, amount, out);
    *out = nullptr; // no memory map: SQLite reads instead
    return SQLITE_OK;
}

int xUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    const sqlite3_io_methods *m = baseOf(file)->pMethods;
    return m->iVersion >= 3 ? m->xUnfetch(baseOf(file), offset, page) : SQLITE_OK;
}

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    File *f = new (file) File;
    f->file.pMethods = nullptr;
    f->base = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + sizeof(File));
    f->wal = (flags & SQLITE_OPEN_WAL) != 0;
    const int rc = g_base->xOpen(g_base, name, f->base, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->base->pMethods)
            f->base->pMethods->xClose(f->base);
        f->~File();
        file->pMethods = nullptr;
        return rc;
    }
    file->pMethods = &g_methods;
    return SQLITE_OK;
}

} // namespace

bool CoalescingVfs::install()
{
    static std::once_flag once;
    static bool installed = false;
    std::call_once(once, [] {
        g_base = sqlite3_vfs_find(nullptr);
        if (!g_base)
            return;
        g_methods = sqlite3_io_methods{3, xClose, xRead, xWrite,
                                       flushThen<&sqlite3_io_methods::xTruncate, sqlite3_int64>,
                                       flushThen<&sqlite3_io_methods::xSync, int>,
                                       flushThen<&sqlite3_io_methods::xFileSize, sqlite3_int64 *>,
                                       flushThen<&sqlite3_io_methods::xLock, int>,
                                       flushThen<&sqlite3_io_methods::xUnlock, int>,
                                       xCheckReservedLock, xFileControl, xSectorSize, xDeviceCharacteristics,
                                       xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch, xUnfetch};
        // Everything but opening a file is the base VFS's own (they all take the VFS pointer and
        // only read what is copied here).
        g_vfs = *g_base;
        g_vfs.pNext = nullptr;
        g_vfs.zName = "ringside-coalescing";
        g_vfs.szOsFile = int(sizeof(File)) + g_base->szOsFile;
        g_vfs.xOpen = xOpen;
        installed = sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    });
    return installed;
}

} // namespace ringside
