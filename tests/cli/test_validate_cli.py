"""``catalog validate`` through the real CLI: exit codes, formats, languages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema

from tests.conftest import REPO, Result

Run = Callable[..., Result]
ITEM = "370811/000101001000.yaml"


def break_credit_code(root: Path) -> None:
    path = root / ITEM
    path.write_text(
        path.read_text(encoding="utf-8").replace("11370811MB2822030B", "11370811MB2822030X"),
        encoding="utf-8",
    )


def test_clean_catalog_exits_0_with_a_summary(run_cli: Run, catalog: Path) -> None:
    result = run_cli("validate", str(catalog))
    assert result.code == 0
    assert "没有发现问题" in result.out


def test_findings_exit_1_compiler_style_with_hint(run_cli: Run, catalog: Path) -> None:
    break_credit_code(catalog)
    result = run_cli("validate", str(catalog))
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert first.endswith(
        "370811/000101001000.yaml:8:31: 错误 C005 统一社会信用代码“11370811MB2822030X”校验位错误,"
        "应为“11370811MB2822030B”"
    )
    assert result.out.splitlines()[1].strip().startswith("修改建议:")


def test_english_messages(run_cli: Run, catalog: Path) -> None:
    break_credit_code(catalog)
    result = run_cli("validate", str(catalog), "--lang", "en")
    assert (
        "error C005 统一社会信用代码 '11370811MB2822030X' has a wrong check character" in result.out
    )
    assert "1 error, 0 warnings, 0 infos." in result.out


def test_fail_level_decides_the_exit_code(run_cli: Run, catalog: Path) -> None:
    path = catalog / ITEM
    path.write_text(path.read_text(encoding="utf-8") + "# catalog: ignore[C005] 过期\n", "utf-8")
    assert run_cli("validate", str(catalog)).code == 0  # Y006 is a warning
    assert run_cli("validate", str(catalog), "--fail-level", "warning").code == 1


def test_json_report_is_valid_against_its_schema(run_cli: Run, catalog: Path) -> None:
    break_credit_code(catalog)
    result = run_cli("validate", str(catalog), "--format", "json")
    report = json.loads(result.out)
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["summary"]["errors"] == 1
    (diag,) = report["diagnostics"]
    assert diag["rule"] == "C005"
    assert (diag["line"], diag["column"], diag["pointer"]) == (8, 31, "/agency/credit_code")
    assert (diag["region"], diag["code"]) == ("370811", "000101001000")


def test_several_formats_in_one_run(run_cli: Run, catalog: Path, tmp_path: Path) -> None:
    break_credit_code(catalog)
    sarif, junit = tmp_path / "r.sarif", tmp_path / "r.xml"
    result = run_cli(
        "validate",
        str(catalog),
        "-f",
        "sarif",
        "-o",
        str(sarif),
        "-f",
        "junit",
        "-o",
        str(junit),
        "-f",
        "text",
    )
    assert result.code == 1
    assert "C005" in result.out
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    (res,) = log["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (res["ruleId"], res["level"], region["startLine"], region["startColumn"]) == (
        "C005",
        "error",
        8,
        31,
    )
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "C005"
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    assert suite.get("name") == "catalog validate"
    assert suite.get("failures") == "1"
    assert int(suite.get("tests") or 0) == 9


def test_each_output_goes_with_the_format_written_before_it(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    """``-f github -f json -o report.json``: the JSON report goes to the file and the
    annotations to stdout (pairing by count put the annotations in ``report.json``)."""
    break_credit_code(catalog)
    report = tmp_path / "report.json"
    result = run_cli("validate", str(catalog), "-f", "github", "-f", "json", "-o", str(report))
    assert result.code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    assert result.out.startswith("::error file=")
    # Written as ./report.json: the path typer hands over is normalised, the pairing holds.
    report.unlink()
    again = run_cli(
        "validate", str(catalog), "-f", "github", "-f", "json", "-o", "./report.json", cwd=tmp_path
    )
    assert again.code == 1 and again.out.startswith("::error file=")
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_an_output_before_every_format_and_the_long_forms(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.xml"
    result = run_cli(
        "validate",
        str(catalog),
        f"--output={first}",
        "--format=json",
        "-fjunit",
        f"-o{second}",
        "-f",
        "text",
    )
    assert result.code == 0
    assert json.loads(first.read_text(encoding="utf-8"))["summary"]["errors"] == 0
    assert ET.parse(second).getroot().tag == "testsuites"
    assert "没有发现问题" in result.out


def test_two_outputs_for_one_format_are_a_usage_error(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    result = run_cli("validate", str(catalog), "-f", "json", "-o", str(a), "-o", str(b))
    assert result.code == 2
    assert "--format json 后面有两个 -o" in result.err
    assert not a.exists() and not b.exists()


def test_github_format_is_chosen_under_actions(run_cli: Run, catalog: Path) -> None:
    break_credit_code(catalog)
    result = run_cli("validate", str(catalog), env={"GITHUB_ACTIONS": "true"})
    (line,) = result.out.splitlines()
    assert line.startswith("::error file=")
    assert ",line=8,col=31,title=C005::" in line


def test_select_and_ignore(run_cli: Run, catalog: Path) -> None:
    break_credit_code(catalog)
    assert run_cli("validate", str(catalog), "--ignore", "C005").code == 0
    assert run_cli("validate", str(catalog), "--select", "Y,S").code == 0
    assert run_cli("validate", str(catalog), "--select", "C").code == 1


def test_a_selector_that_names_no_rule_is_a_usage_error(run_cli: Run, catalog: Path) -> None:
    """A typo in --select turned every rule off and passed a broken catalog: like the
    same typo in catalog.toml, it is refused."""
    break_credit_code(catalog)
    typo = run_cli("validate", str(catalog), "--select", "C,ZZZ9")
    assert typo.code == 2
    assert typo.err.splitlines() == [
        "错误: --select ZZZ9:没有这个规则或规则组",
        "运行 catalog rules 查看全部规则代码(如 M001,或 M 表示整组)。",
    ]
    ignored = run_cli("validate", str(catalog), "--ignore", "C05", "--lang", "en")
    assert ignored.code == 2
    assert ignored.err.startswith("error: --ignore C05: no rule or rule group has that name\n")
    named = run_cli("validate", str(catalog), "--select", "names.unnormalized,C0", "--ignore", "N")
    assert named.code == 1, named.err  # rule names and code prefixes are selectors too


def test_narrowing_to_one_region_folder(run_cli: Run, catalog: Path) -> None:
    break_credit_code(catalog)
    assert run_cli("validate", str(catalog / "370800")).code == 0
    assert run_cli("validate", str(catalog / "370811")).code == 1
    assert run_cli("validate", str(catalog / ITEM)).code == 1


def test_missing_path_is_exit_2_without_traceback(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope"))
    assert result.code == 2
    assert "路径不存在" in result.err
    assert "Traceback" not in result.err + result.out


def test_folder_without_regions_is_exit_2(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path))
    assert result.code == 2
    assert "regions.yaml" in result.err


def test_broken_regions_file_is_exit_2_with_position(run_cli: Run, catalog: Path) -> None:
    (catalog / "regions.yaml").write_text("- {code: '000000', name: 全国\n", encoding="utf-8")
    result = run_cli("validate", str(catalog))
    assert result.code == 2
    assert "regions.yaml:2:1:" in result.err


def test_bad_config_is_exit_2_naming_the_key(run_cli: Run, catalog: Path) -> None:
    (catalog / "catalog.toml").write_text('fail-levle = "warning"\n', encoding="utf-8")
    result = run_cli("validate", str(catalog))
    assert result.code == 2
    assert "fail-levle" in result.err


def test_unknown_rule_in_config_is_exit_2(run_cli: Run, catalog: Path) -> None:
    (catalog / "catalog.toml").write_text('ignore = ["Q123"]\n', encoding="utf-8")
    result = run_cli("validate", str(catalog))
    assert result.code == 2 and "Q123" in result.err


def test_usage_error_is_exit_2(run_cli: Run) -> None:
    assert run_cli("validate", "--no-such-option").code == 2


def test_internal_errors_have_no_traceback_without_debug(
    run_cli: Run, catalog: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("catalog_tool.cli.validate_cmd.validate", boom)
    result = run_cli("validate", str(catalog))
    assert result.code == 2
    assert "内部错误" in result.err and "Traceback" not in result.err
    debug = run_cli("--debug", "validate", str(catalog))
    assert debug.code == 2 and "Traceback" in debug.err


def test_version_and_module_entry(run_cli: Run) -> None:
    result = run_cli("--version")
    assert result.code == 0 and result.out.startswith("catalog-tool ")


def test_rules_and_explain(run_cli: Run) -> None:
    listing = run_cli("rules")
    assert listing.code == 0 and "C005" in listing.out and "identity.bad-credit-code" in listing.out
    assert "默认级别" in listing.out and "│ 错误 " in listing.out  # in the user's language
    assert "│ error " in run_cli("rules", "--lang", "en").out
    doc = run_cli("explain", "C005", "--lang", "en")
    assert doc.code == 0
    assert "## What it does" in doc.out and "GB 32100-2015" in doc.out
    assert run_cli("explain", "Z999").code == 2
