"""The project's code rules that a reading of the source can check.

A package's private names and private modules stay inside it: another package that needs one gets a public name
instead, so what a package promises is what it exports (a child package may use its parent's)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(path: Path) -> str:
    mod = _module(path)
    return mod if path.name == "__init__.py" else mod.rpartition(".")[0]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _inside(package: str, owner: str) -> bool:
    """Whether ``package`` is ``owner`` or one of its sub-packages."""
    return package == owner or package.startswith(owner + ".")


def crossings(root: Path) -> list[str]:
    """Each import, in the modules below ``root``, of a private name or module that belongs to a package
    the importing module is not inside."""
    out = []
    for path in sorted(root.rglob("*.py")):
        pkg = _package(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
                names = [(node.module, a.name) for a in node.names]
            elif isinstance(node, ast.Import):
                modules, names = [a.name for a in node.names], []
            else:
                continue
            for mod in modules:
                parts = mod.split(".")
                for k, part in enumerate(parts):
                    owner = ".".join(parts[:k])
                    if k and _private(part) and not _inside(pkg, owner):
                        out.append(f"{_module(path)}:{node.lineno} imports the private module {mod}")
            for mod, name in names:
                # a name of a package's __init__ (or a module of it) is the package's; of a module, its package's
                owner = mod if (SRC / mod.replace(".", "/")).is_dir() else mod.rpartition(".")[0]
                if _private(name) and not _inside(pkg, owner):
                    out.append(f"{_module(path)}:{node.lineno} imports the private {name} of {mod}")
    return sorted(set(out))


def test_no_package_imports_another_ones_private_names() -> None:
    assert crossings(SRC / "retold") == []


def test_the_check_sees_a_crossing(tmp_path: Path) -> None:
    """The check itself: a private name or module taken across packages is reported, one kept inside is not."""
    global SRC
    pkg = tmp_path / "p"
    for d in ("a", "b", "a/c"):
        (pkg / d).mkdir(parents=True)
        (pkg / d / "__init__.py").write_text("")
    (pkg / "a" / "m.py").write_text("_x = 1\n")
    (pkg / "a" / "_h.py").write_text("y = 1\n")
    (pkg / "a" / "c" / "k.py").write_text("from p.a.m import _x\nfrom p.a._h import y\n")  # a child: allowed
    (pkg / "b" / "n.py").write_text("from p.a.m import _x\nfrom p.a._h import y\nimport p.a._h\nfrom p.a import _h\n")
    saved, SRC = SRC, tmp_path
    try:
        got = crossings(pkg)
    finally:
        SRC = saved
    assert got == [
        "p.b.n:1 imports the private _x of p.a.m",
        "p.b.n:2 imports the private module p.a._h",
        "p.b.n:3 imports the private module p.a._h",
        "p.b.n:4 imports the private _h of p.a",
    ]
