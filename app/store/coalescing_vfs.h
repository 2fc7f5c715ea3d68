#pragma once

namespace ringside {

/** Makes SQLite write each commit's WAL frames with one system call instead of two per page.
 *
 *  SQLite appends a WAL frame as two writes (a 24-byte header, then the page), so a commit of
 *  40 pages costs 80 pwrite calls, and each unaligned 24-byte write touches the page cache on its
 *  own; that was a third of the writer thread's time. This VFS sits over the default one and
 *  gathers consecutive writes to a WAL file in memory until SQLite syncs the file, reads it,
 *  asks its size, truncates or closes it, writes elsewhere in it, or finishes a commit frame.
 *  Nothing is acknowledged in between, so durability is unchanged: every byte reaches the file
 *  before the sync that makes it durable, and before the commit becomes visible to readers. */
class CoalescingVfs
{
public:
    /** Registers the VFS as SQLite's default (once per process); connections opened after this
     *  use it. False if SQLite has no default VFS to wrap. */
    static bool install();
};

} // namespace ringside
