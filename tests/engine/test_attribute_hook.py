"""Worker processes read model attributes without pydantic's ``__getattr__`` hook, and keep
it wherever a model needs it. Each case runs in its own interpreter: removing the hook
changes the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_worker_reads_items_the_same_without_the_hook() -> None:
    out = _run(
        """
        from pathlib import Path
        from pydantic import BaseModel
        from catalog_tool.engine.attribute_hook import drop_getattr_hook
        from catalog_tool.engine.filecheck import fast_item
        from catalog_tool.model.item import model_for_region

        source = Path("items/370811/000101001000.yaml").read_bytes()
        before = fast_item(source, model_for_region("370811"))[0]
        assert drop_getattr_hook()
        assert "__getattr__" not in BaseModel.__dict__
        after = fast_item(source, model_for_region("370811"))[0]
        assert after == before and after.materials[0].name == before.materials[0].name
        try:
            after.no_such_field
        except AttributeError as error:
            print("AttributeError", "no_such_field" in str(error))
        """
    )
    assert out == "AttributeError True"


def test_the_hook_stays_for_a_model_with_private_attributes() -> None:
    out = _run(
        """
        from pydantic import BaseModel, PrivateAttr
        from catalog_tool.engine.attribute_hook import drop_getattr_hook, needs_hook

        class Cached(BaseModel):
            _memo: dict = PrivateAttr(default_factory=dict)

        print(needs_hook(), drop_getattr_hook(), Cached()._memo)
        """
    )
    assert out == "['Cached'] False {}"


def test_the_hook_stays_for_a_model_with_extra_fields() -> None:
    out = _run(
        """
        from pydantic import BaseModel, ConfigDict
        from catalog_tool.engine.attribute_hook import drop_getattr_hook

        class Open(BaseModel):
            model_config = ConfigDict(extra="allow")

        print(drop_getattr_hook(), Open(colour="red").colour)
        """
    )
    assert out == "False red"


def test_validate_workers_drop_the_hook_and_the_parent_keeps_it() -> None:
    out = _run(
        """
        from pydantic import BaseModel
        from catalog_tool.engine import pool
        from catalog_tool.engine.run import worker_setup
        from catalog_tool.workers import process_pool

        def hook_gone(_: int) -> bool:
            return "__getattr__" not in BaseModel.__dict__

        setup = worker_setup("items")
        with process_pool(2, pool._init_worker, (setup,)) as workers:
            print(sorted(set(workers.map(hook_gone, range(4)))), hook_gone(0))
        """
    )
    # [False]: a model the workers load now has private attributes or extra="allow", and
    # every worker pays the hook again (see catalog_tool.engine.attribute_hook).
    assert out == "[True] False"
