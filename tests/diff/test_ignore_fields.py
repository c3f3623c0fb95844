"""``--ignore-field`` and the config's ``diff-ignore`` accept item fields only: a typo would
otherwise ignore nothing, silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.diff.field_names import field_titles, unknown_fields
from tests.conftest import Result
from tests.diff.gitrepo import SAMPLE


def test_the_names_are_the_item_keys_and_their_sub_keys() -> None:
    names = field_titles()
    for name in ("venue", "venue.phone", "materials.copies", "time_limit.promised_days"):
        assert name in names
    assert unknown_fields(["venue.phone", "venu.phone", "materials", "materials.phone"]) == [
        "venu.phone",
        "materials.phone",
    ]


def test_an_unknown_field_on_the_command_line_is_a_usage_error(
    run_cli: Callable[..., Result],
) -> None:
    done = run_cli("diff", str(SAMPLE), str(SAMPLE), "--ignore-field", "venu.phone")
    assert done.code == 2, done.out
    assert "--ignore-field 的值 venu.phone 不是事项字段" in done.err
    assert "是不是 venue.phone?" in done.err
    assert "venue.complaint_phone" in done.err  # the valid names are listed
    assert "Traceback" not in done.err
    english = run_cli(
        "diff", str(SAMPLE), str(SAMPLE), "--ignore-field", "venue.phone,venu.phone", "--lang", "en"
    )
    assert english.code == 2
    assert "--ignore-field: 'venu.phone' is not an item field" in english.err
    assert "Did you mean venue.phone?" in english.err


def test_drift_refuses_an_unknown_field_too(run_cli: Callable[..., Result]) -> None:
    done = run_cli("drift", "370811", str(SAMPLE), "--ignore-field", "agency.nmae")
    assert done.code == 2
    assert "agency.nmae" in done.err
    assert "agency.name" in done.err


def test_an_unknown_field_in_the_config_is_a_config_error(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    config = tmp_path / "catalog.toml"
    config.write_text('diff-ignore = ["venue.phone", "venu.phone"]\n', encoding="utf-8")
    done = run_cli("diff", str(SAMPLE), str(SAMPLE), "--config", str(config))
    assert done.code == 2, done.out
    assert f"配置文件 {config} 中 diff-ignore 的值 venu.phone 不是事项字段" in done.err


@pytest.mark.parametrize("field", ["venue", "venue.phone", "materials.copies", "status"])
def test_item_fields_are_accepted(field: str, run_cli: Callable[..., Result]) -> None:
    done = run_cli("diff", str(SAMPLE), str(SAMPLE), "--ignore-field", field, "--exit-code")
    assert done.code == 0, done.err
