"""The operating system's reasons for a failed read or write, in Chinese (the rest as the system words them).

Used by the CLI's error handler and by the readers, so "No such file or directory" or "Is a
directory" never reaches a user in English.
"""

from __future__ import annotations

import errno

OS_ERRORS_ZH = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.ENOSPC: "磁盘空间不足",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.EROFS: "文件系统只读",
    errno.EEXIST: "已有同名的文件，不能用作目录",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接循环",
    errno.EIO: "读写设备出错",
    errno.EMFILE: "打开的文件太多",
    errno.EFBIG: "文件太大",
}


def os_reason(exc: OSError, lang: str = "zh") -> str:
    """The reason of ``exc`` in the user's language."""
    if lang == "en":
        return exc.strerror or type(exc).__name__
    return OS_ERRORS_ZH.get(exc.errno or 0, exc.strerror or "读写失败")
