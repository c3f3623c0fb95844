"""Errors that stop a command. The CLI turns each into a message and exit code 2."""

from __future__ import annotations

import errno

from catalog_tool.text import Lang, Text


class CatalogError(Exception):
    """Unusable input, configuration or environment: the user can fix it.

    ``text`` is the bilingual message; ``hint`` says how to fix it.
    """

    def __init__(self, text: Text, hint: Text | None = None) -> None:
        super().__init__(text.en)
        self.text = text
        self.hint = hint

    def render(self, lang: Lang) -> str:
        """The message, and the hint on its own line, in ``lang``."""
        out = self.text.get(lang)
        if self.hint is not None:
            out += "\n" + self.hint.get(lang)
        return out


_REASONS: dict[int, Text] = {
    errno.EISDIR: Text("这是一个文件夹", "it is a folder"),
    errno.ENOTDIR: Text("路径中有一部分不是文件夹", "a part of the path is not a folder"),
    errno.ENOENT: Text("不存在", "it does not exist"),
    errno.EACCES: Text("没有权限", "permission denied"),
    errno.EPERM: Text("不允许这样操作", "operation not permitted"),
    errno.EROFS: Text("所在的文件系统是只读的", "the file system is read-only"),
    errno.ENOSPC: Text("磁盘空间已满", "no space left on the device"),
    errno.EDQUOT: Text("超出了磁盘配额", "the disk quota is exceeded"),
}


def from_os_error(error: OSError) -> CatalogError:
    """The message for a file the command could not read or write, naming it: a folder
    given as an output, a read-only folder, a full disk. Not a bug to report."""
    reason = _REASONS.get(error.errno or 0)
    if reason is None:
        detail = error.strerror or str(error)
        reason = Text(detail, detail)
    target = "" if error.filename is None else f" {error.filename}"
    return CatalogError(
        Text(f"无法读写{target}:{reason.zh}", f"cannot read or write{target}: {reason.en}"),
        Text(
            "检查路径是否正确、是否有读写权限、磁盘是否有空间;输出文件请给文件名而不是文件夹。",
            "Check the path, the permissions and the free space; give an output a file "
            "name, not a folder.",
        ),
    )
