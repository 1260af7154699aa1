"""A FUSE file system that behaves like an SMB share as Windows clients see it, for the
share tests: a passthrough to ROOT where hard links are refused (EPERM) and a file that
some process has open cannot be deleted or renamed (EACCES). Run as a script:

    python share_fs.py ROOT MOUNTPOINT     serves until SIGTERM, then unmounts
"""

from __future__ import annotations

import errno
import os
import sys
import threading

from fuse import FUSE, FuseOSError, Operations


class ShareLike(Operations):
    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.handles: dict[int, str] = {}  # open file handle -> its path
        self.guard = threading.Lock()

    def _full(self, path: str) -> str:
        return os.path.join(self.root, path.lstrip("/"))

    def _opened(self, path: str, fh: int) -> int:
        with self.guard:
            self.handles[fh] = path
        return fh

    def _closed(self, fh: int) -> None:
        with self.guard:
            self.handles.pop(fh, None)

    def _refuse_if_open(self, *paths: str) -> None:
        with self.guard:
            if any(p in paths for p in self.handles.values()):
                raise FuseOSError(errno.EACCES)

    # What an SMB share refuses -----------------------------------------------------

    def link(self, target, source):
        raise FuseOSError(errno.EPERM)

    def unlink(self, path):
        self._refuse_if_open(path)
        os.unlink(self._full(path))

    def rename(self, old, new):
        self._refuse_if_open(old, new)
        os.rename(self._full(old), self._full(new))

    # Passthrough -------------------------------------------------------------------

    def access(self, path, mode):
        if not os.access(self._full(path), mode):
            raise FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        os.chmod(self._full(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._full(path), uid, gid)

    def create(self, path, mode, fi=None):
        return self._opened(path, os.open(self._full(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode))

    def open(self, path, flags):
        return self._opened(path, os.open(self._full(path), flags))

    def release(self, path, fh):
        # Forgotten before the descriptor is closed: once closed, its number can be handed
        # to another open at once.
        self._closed(fh)
        os.close(fh)

    def read(self, path, size, offset, fh):
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        return os.pwrite(fh, data, offset)

    def truncate(self, path, length, fh=None):
        if fh is not None:
            os.ftruncate(fh, length)
        else:
            os.truncate(self._full(path), length)

    def flush(self, path, fh):
        # close() waits for flush but not for release, which the kernel sends later (and
        # libfuse cannot deliver while an unlink of the file is running): Windows closes at
        # once, so a file counts as closed here.
        self._closed(fh)
        return 0

    def fsync(self, path, datasync, fh):
        (os.fdatasync if datasync else os.fsync)(fh)

    def getattr(self, path, fh=None):
        st = os.lstat(self._full(path))
        keys = ("st_atime", "st_ctime", "st_gid", "st_mode", "st_mtime", "st_nlink", "st_size", "st_uid")
        return {key: getattr(st, key) for key in keys}

    def readdir(self, path, fh):
        return [".", "..", *os.listdir(self._full(path))]

    def mkdir(self, path, mode):
        os.mkdir(self._full(path), mode)

    def rmdir(self, path):
        os.rmdir(self._full(path))

    def statfs(self, path):
        st = os.statvfs(self._full(path))
        keys = ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree", "f_files", "f_flag",
                "f_frsize", "f_namemax")  # fmt: skip
        return {key: getattr(st, key) for key in keys}

    def utimens(self, path, times=None):
        os.utime(self._full(path), times)


if __name__ == "__main__":
    # hard_remove: an unlink reaches us (and is refused while open) instead of libfuse hiding the file.
    FUSE(ShareLike(sys.argv[1]), sys.argv[2], foreground=True, nothreads=False, hard_remove=True)
