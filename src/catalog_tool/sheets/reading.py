"""Open a department's file: .xlsx (and .xlsm/.xltx), or .csv in UTF-8, UTF-8 with BOM,
GB18030 or UTF-16. Whatever cannot be used raises :class:`CatalogError` with a message
that says what the file is and what to do (exit code 2), never a traceback.

The format is judged from the content, not the name: a password-protected workbook and an
old .xls are both compound files; a renamed .docx is a zip without a workbook; a "xls"
exported by a web system is often an HTML table.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from pathlib import Path

from catalog_tool.catalog.layout import display_path
from catalog_tool.errors import CatalogError
from catalog_tool.sheets.book import Book, CellValue, Sheet
from catalog_tool.sheets.safety import (
    OLE_SIGNATURE,
    ZIP_SIGNATURE,
    check_archive,
    is_encrypted_ole,
)
from catalog_tool.sheets.xlsx_read import MAX_ROWS, DamagedError, TooManyRowsError, read_sheets
from catalog_tool.text import Text

MAX_CSV_BYTES = 512 << 20
"""A CSV file is read whole; 512 MiB is far beyond any department sheet."""
_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb")
_SAVE_AS = Text(
    "请用 Excel 或 WPS 打开,另存为“Excel 工作簿(*.xlsx)”后再导入。",
    "Open it in Excel or WPS and save it as an Excel workbook (*.xlsx), then import that.",
)


def read_book(path: Path, *, jobs: int | None = None) -> Book:
    """Read the workbook or CSV file at ``path`` (``jobs``: see
    :func:`~catalog_tool.sheets.xlsx_read.read_sheets`)."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    except FileNotFoundError:
        raise _error(
            shown, "文件不存在", "no such file", Text("检查路径。", "Check the path.")
        ) from None
    except IsADirectoryError:
        raise _error(
            shown, "这是文件夹,不是表格文件", "is a folder, not a spreadsheet", None
        ) from None
    except OSError as err:
        raise _error(
            shown, f"无法读取:{err.strerror}", f"cannot read: {err.strerror}", None
        ) from None
    if size == 0:
        raise _error(
            shown,
            "文件是空的(0 字节)",
            "the file is empty (0 bytes)",
            Text(
                "请重新导出或向报送单位重新索要文件。", "Export it again or ask for the file again."
            ),
        )
    if head.startswith(OLE_SIGNATURE):
        raise _compound_file(path, shown, head)
    if head.startswith(ZIP_SIGNATURE) or head.startswith(b"PK"):
        book = Book(path, "xlsx", tuple(_read_xlsx(path, shown, jobs)))
    elif path.suffix.lower() in (".xls", ".et") or (
        path.suffix.lower() in _EXCEL_SUFFIXES and not _looks_like_text(head)
    ):
        raise _error(
            shown,
            f"扩展名是 {path.suffix},但不是真正的 Excel 文件(可能是网页或文本导出后改了扩展名)",
            f"is named {path.suffix} but is not a real Excel file (likely a web page or text "
            "saved under an Excel name)",
            _SAVE_AS,
        )
    elif path.suffix.lower() in (".ods",):
        raise _error(
            shown,
            "不支持 OpenDocument 表格(.ods)",
            "OpenDocument (.ods) is not supported",
            _SAVE_AS,
        )
    elif path.suffix.lower() in _TEXT_SUFFIXES or _looks_like_text(head):
        book = Book(path, "csv", (_read_csv(path, shown, size),))
    else:
        raise _error(
            shown,
            "无法识别的文件格式:既不是 .xlsx 也不是 .csv",
            "unrecognised format: neither .xlsx nor .csv",
            _SAVE_AS,
        )
    if not any(sheet.last_row for sheet in book.sheets):
        raise _error(
            shown,
            "工作簿是空的:没有任何单元格有内容",
            "the workbook is empty: no cell holds a value",
            Text("请填写“事项”表后再导入(catalog export template 生成模板)。",
                 "Fill in the 事项 sheet first ('catalog export template' writes one)."),
        )  # fmt: skip
    return book


def _read_xlsx(path: Path, shown: str, jobs: int | None) -> list[Sheet]:
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, shown)
            names = set(archive.namelist())
            if any(n.endswith("workbook.bin") for n in names):
                raise _error(
                    shown,
                    "这是 Excel 二进制工作簿(.xlsb),不能直接导入",
                    "this is an Excel binary workbook (.xlsb), which cannot be imported",
                    _SAVE_AS,
                )
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                what = _other_office(names)
                raise _error(
                    shown,
                    f"不是 Excel 工作簿{what[0]}",
                    f"is not an Excel workbook{what[1]}",
                    _SAVE_AS,
                )
            return read_sheets(archive, jobs=jobs)
    except TooManyRowsError as err:
        raise _too_many_rows(shown, err.sheet, err.rows) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, DamagedError, UnicodeDecodeError) as err:
        raise _error(
            shown,
            f"文件已损坏或不完整(可能下载或复制时被截断):{_reason(err)}",
            f"the file is damaged or incomplete (truncated while copying?): {_reason(err)}",
            Text(
                "请重新获取文件;若在 Excel 中能打开,另存为新的 .xlsx 再导入。",
                "Get the file again; if Excel opens it, save it as a new .xlsx and import that.",
            ),
        ) from None
    except NotImplementedError as err:  # e.g. a compression method zipfile lacks
        raise _error(shown, f"无法解压:{err}", f"cannot decompress: {err}", _SAVE_AS) from None


def _too_many_rows(shown: str, sheet: str, rows: int) -> CatalogError:
    return _error(
        shown,
        f"工作表“{sheet}”有 {rows:,} 行数据,超过每张表 {MAX_ROWS:,} 行的上限"
        "(一个省的全部事项约 5.5 万行,办理流程约 33 万行)",
        f"sheet '{sheet}' has {rows:,} rows with values, beyond the limit of {MAX_ROWS:,} "
        "per sheet (a whole province is about 55k item rows and 330k step rows)",
        Text(
            "检查是否有整列被误填到表底;确有这么多行时,按区划或部门拆分成多个文件分别导入。",
            "Check for a column filled down to the bottom by mistake; if the rows are real, "
            "split the file by region or department and import each part.",
        ),
    )


def _reason(err: Exception) -> str:
    text = str(err) or type(err).__name__
    return text if len(text) <= 80 else text[:79] + "…"


def _other_office(names: set[str]) -> tuple[str, str]:
    if any(n.startswith("word/") for n in names):
        return "(这是 Word 文档)", " (it is a Word document)"
    if any(n.startswith("ppt/") for n in names):
        return "(这是 PowerPoint 演示文稿)", " (it is a PowerPoint file)"
    if "mimetype" in names:
        return "(这是 OpenDocument 文件)", " (it is an OpenDocument file)"
    return "", ""


def _compound_file(path: Path, shown: str, head: bytes) -> CatalogError:
    directory = _directory_sector(path, head)
    if is_encrypted_ole(head) or is_encrypted_ole(OLE_SIGNATURE + directory):
        return _error(
            shown,
            "工作簿设置了打开密码(已加密),无法读取",
            "the workbook is password-protected (encrypted) and cannot be read",
            Text(
                "请在 Excel 或 WPS 中输入密码打开,“文件 → 信息 → 保护工作簿 → 用密码进行加密”"
                "中清除密码,保存后再导入。",
                "Open it with the password in Excel or WPS, remove the password "
                "(File → Info → Protect Workbook → Encrypt with Password), save, and import again.",
            ),
        )
    return _error(
        shown,
        "这是旧版 Excel 97-2003 格式(.xls)或 WPS 格式(.et),不能直接导入",
        "this is an old Excel 97-2003 (.xls) or WPS (.et) file, which cannot be imported",
        _SAVE_AS,
    )


def _directory_sector(path: Path, head: bytes) -> bytes:
    """The first directory sector of a compound file (where stream names are listed)."""
    if len(head) < 0x34:
        return b""
    sector_shift = int.from_bytes(head[0x1E:0x20], "little")
    first = int.from_bytes(head[0x30:0x34], "little")
    if not 7 <= sector_shift <= 16 or first >= 0xFFFFFFFA:
        return b""
    size = 1 << sector_shift
    try:
        with path.open("rb") as handle:
            handle.seek((first + 1) * size)
            return handle.read(size * 4)
    except OSError:
        return b""


_MARKUP = (b"<html", b"<!doctype", b"<?xml", b"<table", b"<meta", b"<head", b"mime-version:")
"""How web pages and MHTML files that systems save under spreadsheet names begin."""


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 text (a web page in UTF-16 would be rare)
    sample = sample.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in sample:
        return False
    return not sample.lstrip().lower().startswith(_MARKUP)


def _read_csv(path: Path, shown: str, size: int) -> Sheet:
    if size > MAX_CSV_BYTES:
        raise _error(
            shown,
            f"CSV 文件太大({size / 2**20:,.0f} MiB)",
            f"the CSV file is too large ({size / 2**20:,.0f} MiB)",
            Text("请按区划或部门拆分后分别导入。", "Split it by region or department."),
        )
    text, _encoding = decode_csv(path.read_bytes(), shown)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    rows: list[list[CellValue]] = []
    filled = 0
    for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append([cell if cell != "" else None for cell in record])
        filled += any(record)
    if filled > MAX_ROWS:
        raise _too_many_rows(shown, path.stem, filled)
    return Sheet(path.stem, rows)


def decode_csv(data: bytes, shown: str = "") -> tuple[str, str]:
    """CSV text and the encoding it was in: UTF-8 (with or without BOM), UTF-16 with BOM,
    else GB18030 (the superset of GBK and GB2312 that Chinese Excel writes). ``shown``
    names the file in the error."""
    zh_file, en_file = (f"{shown}:", f"{shown}: ") if shown else ("", "")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:  # a UTF-16 mark, then no UTF-16 (found by fuzzing)
            raise CatalogError(
                Text(
                    f"{zh_file}CSV 文件以 UTF-16 标记开头,但内容不是有效的 UTF-16(第 {err.start} 字节)",
                    f"{en_file}the CSV file starts with a UTF-16 mark but is not valid UTF-16 "
                    f"(byte {err.start})",
                ),
                Text("请另存为“CSV UTF-8”或 .xlsx。", "Save it as 'CSV UTF-8' or .xlsx."),
            ) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as err:
        raise CatalogError(
            Text(
                f"{zh_file}CSV 文件既不是 UTF-8 也不是 GB18030 编码(第 {err.start} 字节)",
                f"{en_file}the CSV file is neither UTF-8 nor GB18030 (byte {err.start})",
            ),
            Text("请另存为“CSV UTF-8”或 .xlsx。", "Save it as 'CSV UTF-8' or .xlsx."),
        ) from None


def _error(shown: str, zh: str, en: str, hint: Text | None) -> CatalogError:
    return CatalogError(Text(f"{shown}:{zh}", f"{shown}: {en}"), hint)
