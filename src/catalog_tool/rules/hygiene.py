"""File hygiene (Y): how a file is written, before what it says.

The loader reports these; the classes hold their docs and messages.
"""

from __future__ import annotations

from catalog_tool.diagnostics import Severity
from catalog_tool.rules.base import LoaderRule, Message, RuleDoc, register
from catalog_tool.text import Text as T


@register
class InvalidYaml(LoaderRule):
    code = "Y001"
    name = "yaml.syntax"
    severity = Severity.ERROR
    summary = T("不是有效的 YAML", "Not valid YAML")
    messages = {
        "default": Message(
            T("YAML 语法错误:{problem}", "YAML syntax error: {problem}"),
            T(
                "检查该位置附近的缩进、冒号和引号;含冒号或 # 的值请加引号。",
                "Check indentation, colons and quotes near this position; quote values "
                "that contain ':' or '#'.",
            ),
        ),
        "tab": Message(
            T("用了制表符(Tab)缩进", "a tab is used for indentation"),
            T(
                "YAML 只能用空格缩进:把 Tab 换成空格,与上下行对齐。",
                "YAML indents with spaces only: replace the tab with spaces, aligned "
                "with the lines around it.",
            ),
        ),
        "control_char": Message(
            T(
                "文件含不可见的控制字符 {char}",
                "the file holds an invisible control character {char}",
            ),
            T(
                "删除该字符;它常由从其他系统复制粘贴带入。",
                "Delete it; such characters usually come from copying out of another system.",
            ),
        ),
        "too_deep": Message(
            T("嵌套超过 {depth} 层", "nesting deeper than {depth} levels"),
            T("事项文件只需几层嵌套,请检查文件是否损坏。", "An item needs only a few levels."),
        ),
        "complex_key": Message(
            T("键必须是简单的文字", "a key must be plain text"),
            T("把键写成 snake_case 英文单词,如 name。", "Write keys as snake_case words."),
        ),
    }
    doc = RuleDoc(
        what=T("文件不能按 YAML 解析。", "The file cannot be parsed as YAML."),
        why=T(
            "无法解析的文件无法检查,也无法发布;一处错误会让整个事项消失。",
            "A file that does not parse cannot be checked or published.",
        ),
        source=T("YAML 1.2 规范。", "The YAML 1.2 specification."),
        bad="name: 食品经营许可\nbasis: [《中华人民共和国食品安全法》第三十五条\n",
        good="name: 食品经营许可\nbasis: [《中华人民共和国食品安全法》第三十五条]\n",
    )


@register
class DuplicateKey(LoaderRule):
    code = "Y002"
    name = "yaml.duplicate-key"
    severity = Severity.ERROR
    summary = T("重复的键", "Duplicate key")
    messages = {
        "default": Message(
            T("键“{key}”重复,第 {first_line} 行已有", "key '{key}' repeats line {first_line}"),
            T("删除其中一个,保留正确的值。", "Delete one of them and keep the right value."),
        )
    }
    doc = RuleDoc(
        what=T("同一映射中出现两次相同的键。", "A mapping holds the same key twice."),
        why=T(
            "不同程序取第一个或最后一个值,结果不确定,审核看到的和发布的可能不同。",
            "Parsers keep either the first or the last value, so what reviewers see and "
            "what is published may differ.",
        ),
        source=T("YAML 1.2 规范 3.2.1.1:映射的键必须唯一。", "YAML 1.2, 3.2.1.1: keys are unique."),
        bad="name: 食品经营许可\nname: 食品经营许可证核发\n",
        good="name: 食品经营许可\n",
    )


@register
class NotUtf8(LoaderRule):
    code = "Y003"
    name = "yaml.not-utf8"
    severity = Severity.ERROR
    summary = T("文件不是 UTF-8 编码", "File is not UTF-8")
    messages = {
        "default": Message(
            T("文件不是 UTF-8 编码(第 {offset} 字节起)", "file is not UTF-8 (from byte {offset})"),
            T("用编辑器以 UTF-8 另存该文件。", "Save the file as UTF-8 in your editor."),
        ),
        "gb18030": Message(
            T(
                "文件不是 UTF-8 编码,看起来是 GB18030/GBK(第 {offset} 字节起)",
                "file is not UTF-8; it looks like GB18030/GBK (from byte {offset})",
            ),
            T(
                "转换编码:iconv -f GB18030 -t UTF-8 原文件 > 新文件,或在编辑器中以 UTF-8 另存。",
                "Convert it: iconv -f GB18030 -t UTF-8 old > new, or save as UTF-8.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "文件含有不是 UTF-8 的字节;能按 GB18030 解码时会说明。",
            "The file holds bytes that are not UTF-8; says so when it decodes as GB18030.",
        ),
        why=T(
            "中文 Windows 默认保存为 GBK/GB18030,其他系统读出来是乱码。",
            "Chinese Windows saves GBK/GB18030 by default; other systems read garbage.",
        ),
        source=T("YAML 1.2 规范 5.2:字符编码。", "YAML 1.2, 5.2: character encodings."),
        bad="# 以 GBK 保存的文件\nname: 食品经营许可\n",
        good="# 以 UTF-8 保存的文件\nname: 食品经营许可\n",
    )


@register
class AnchorsAndTags(LoaderRule):
    code = "Y004"
    name = "yaml.anchors-tags"
    severity = Severity.ERROR
    summary = T("使用了锚点、别名、标签或多个文档", "Anchors, aliases, tags or several documents")
    messages = {
        "default": Message(T("使用了锚点“&{anchor}”", "anchor '&{anchor}' used")),
        "anchor": Message(
            T("使用了锚点“&{anchor}”", "anchor '&{anchor}' used"),
            T("删除锚点,把内容直接写出。", "Remove the anchor and write the value out."),
        ),
        "alias": Message(
            T("使用了别名“*{anchor}”,未展开", "alias '*{anchor}' used; it is not expanded"),
            T("把被引用的内容直接写在这里。", "Write the referenced value out here."),
        ),
        "tag": Message(
            T("使用了标签“{tag}”", "tag '{tag}' used"),
            T("删除标签;需要字符串时用引号。", "Remove the tag; quote the value for a string."),
        ),
        "multi_doc": Message(
            T("文件含有多个 YAML 文档", "the file holds several YAML documents"),
            T("每个事项一个文件;删除 --- 及其后的内容或拆成多个文件。", "One item per file."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "文件使用了锚点(&)、别名(*)、标签(!)或用 --- 分成多个文档。",
            "The file uses anchors (&), aliases (*), tags (!) or several documents (---).",
        ),
        why=T(
            "事项文件要让办事人员一眼读懂、让电子表格工具往返;别名可被用来构造“十亿笑声”"
            "炸弹,因此不展开而是拒绝。",
            "Item files must read plainly and round-trip through spreadsheets; aliases "
            "enable 'billion laughs' bombs, so they are rejected, not expanded.",
        ),
        source=T("本工具的文件格式 v1。", "This tool's format v1."),
        bad="venue: &hall\n  address: 任城区政务服务中心\nresult: *hall\n",
        good="venue:\n  address: 任城区政务服务中心\n",
    )


@register
class UnquotedCode(LoaderRule):
    code = "Y005"
    name = "yaml.unquoted-code"
    severity = Severity.ERROR
    summary = T("编码没有加引号", "Code-like value is not a string")
    messages = {
        "default": Message(
            T(
                "“{value}”没有加引号,YAML 会把它读成数字并丢掉前导零",
                "'{value}' is not quoted: YAML reads it as a number and drops leading zeros",
            ),
            T('加上引号:"{value}"。', 'Quote it: "{value}".'),
        )
    }
    doc = RuleDoc(
        what=T(
            "基本编码、区划代码、信用代码、电话等编码型的值没有加引号。",
            "A code, region, credit code or phone number is written without quotes.",
        ),
        why=T(
            "000117001000 不加引号会被读成数字 117001000(PyYAML 甚至读成八进制 20709888),"
            "编码从此对不上。",
            "Unquoted 000117001000 reads as 117001000 (PyYAML: octal 20709888), so the code "
            "no longer matches.",
        ),
        source=T("YAML 1.2 核心模式;基本编码为 12 位字符串。", "YAML 1.2 core schema."),
        bad="code: 000117001000\n",
        good='code: "000117001000"\n',
    )


@register
class UnusedSuppression(LoaderRule):
    code = "Y006"
    name = "suppression.unused"
    severity = Severity.WARNING
    summary = T("未起作用的忽略注释", "Suppression that matched nothing")
    messages = {
        "default": Message(
            T("忽略注释 ignore[{codes}] 没有匹配任何问题", "ignore[{codes}] matched nothing"),
            T("问题已修复时删除该注释。", "Delete the comment once the problem is fixed."),
        ),
        "malformed": Message(
            T("无法识别的忽略注释“{comment}”", "malformed suppression '{comment}'"),
            T(
                "写成 # catalog: ignore[M001] 原因",
                "Write it as # catalog: ignore[M001] reason",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "行内忽略注释 # catalog: ignore[CODE] 没有压制任何问题,或写法有误。",
            "An inline '# catalog: ignore[CODE]' matched no finding, or is malformed.",
        ),
        why=T(
            "过时的忽略注释会在问题再次出现时把它藏起来。",
            "A stale suppression hides the problem when it comes back.",
        ),
        source=T("本工具的约定。", "This tool's convention."),
        bad="name: 食品经营许可  # catalog: ignore[N001] 已确认\n",
        good="name: 食品经营许可\n",
    )


@register
class UnreadableFile(LoaderRule):
    code = "Y007"
    name = "file.unreadable"
    severity = Severity.ERROR
    summary = T("文件无法读取", "File cannot be read")
    messages = {
        "default": Message(
            T("无法读取文件:{reason}", "cannot read the file: {reason}"),
            T("检查文件权限和路径。", "Check the file's permissions and path."),
        ),
        "outside": Message(
            T(
                "符号链接指向目录之外:{target}",
                "symbolic link points outside the catalog: {target}",
            ),
            T("把文件复制进目录,不要链接到目录外。", "Copy the file into the catalog instead."),
        ),
        "not_regular": Message(
            T("不是普通文件(可能是管道或设备)", "not a regular file (a pipe or a device?)"),
            T("事项文件必须是普通的文本文件。", "An item file must be a plain text file."),
        ),
        "too_large": Message(
            T("文件过大({size} 字节,上限 {limit})", "file too large ({size} bytes, limit {limit})"),
            T("一个事项文件通常只有几 KB,请检查文件内容。", "An item file is a few KB."),
        ),
        "too_many_values": Message(
            T(
                "文件中的值超过 {limit} 个,不像一个事项",
                "more than {limit} values in the file; this is not an item",
            ),
            T(
                "一个事项通常只有几百个值;请检查文件是否由程序误生成或被合并。",
                "An item has a few hundred values; check whether a program generated or "
                "concatenated this file by mistake.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "文件无法读取:没有权限、不是普通文件(如命名管道)、链接到目录外,或大得不像事项文件"
            "(超过 5 MB,或值超过 20000 个)。这样的文件不会被读入,以免卡住或耗尽内存。",
            "The file cannot be read: no permission, not a regular file (such as a named "
            "pipe), a link outside the catalog, or far too large for an item (over 5 MB, or "
            "more than 20,000 values). Such files are not read, so that they cannot hang the "
            "run or exhaust memory.",
        ),
        why=T("读不到的事项不能被检查。", "An item that cannot be read cannot be checked."),
        source=T("本工具的约定。", "This tool's convention."),
        bad="370811/000101001000.yaml -> /etc/passwd\n",
        good="370811/000101001000.yaml (普通文件)\n",
    )
