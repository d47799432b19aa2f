"""Code snapshots: the run's source folder as a .tar.gz, honouring .amlignore, else .gitignore."""

import os
import re
import tarfile
import tempfile
from typing import List, Optional, Tuple

DEFAULT_LIMIT_MB = 300
NEVER_SNAPSHOTTED = (".git", ".crucible")


class IgnoreRules:
    """gitignore semantics for one file of patterns: `#` comments, `!` negation, a trailing `/`
    for folders only, a `/` elsewhere anchors to the root, `*`, `?`, `[...]` and `**`.
    The last matching pattern decides."""

    def __init__(self, lines: List[str]):
        self.rules: List[Tuple[re.Pattern, bool, bool]] = []
        for raw in lines:
            line = raw.rstrip("\n").rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            if line.startswith("\\"):
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            anchored = "/" in line
            line = line.lstrip("/")
            body = _glob_to_regex(line)
            pattern = re.compile(("^" if anchored else "^(?:.*/)?") + body + "$")
            self.rules.append((pattern, negate, dir_only))

    def is_ignored(self, path: str, is_dir: bool) -> bool:
        ignored = False
        for pattern, negate, dir_only in self.rules:
            if dir_only and not is_dir:
                continue
            if pattern.match(path):
                ignored = not negate
        return ignored


def _glob_to_regex(glob: str) -> str:
    out, i = "", 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out += "/.*"
            i += 3
        elif glob.startswith("**", i):
            out += ".*"
            i += 2
        elif c == "*":
            out += "[^/]*"
            i += 1
        elif c == "?":
            out += "[^/]"
            i += 1
        elif c == "[":
            end = glob.find("]", i + 1)
            if end == -1:
                out += re.escape(c)
                i += 1
            else:
                inner = glob[i + 1 : end].replace("\\", "\\\\")
                out += "[" + ("^" + inner[1:] if inner.startswith("!") else inner) + "]"
                i = end + 1
        else:
            out += re.escape(c)
            i += 1
    return out


def ignore_rules_for(folder: str) -> Tuple[Optional[str], IgnoreRules]:
    """.amlignore when the folder has one, else .gitignore, never both (as Azure ML does)."""
    for name in (".amlignore", ".gitignore"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                return name, IgnoreRules(f.read().splitlines())
    return None, IgnoreRules([])


def snapshot_files(folder: str) -> List[Tuple[str, str]]:
    """(absolute path, archive name) of every file the snapshot keeps. Never .git, nor .crucible
    (its config.json holds an API token), whatever the ignore file says."""
    _, rules = ignore_rules_for(folder)
    kept = []
    for root, dirs, files in os.walk(folder):
        rel_root = os.path.relpath(root, folder).replace(os.sep, "/")
        rel_root = "" if rel_root == "." else rel_root + "/"
        dirs[:] = sorted(d for d in dirs if d not in NEVER_SNAPSHOTTED and not rules.is_ignored(rel_root + d, True))
        for name in sorted(files):
            rel = rel_root + name
            if not rules.is_ignored(rel, False):
                kept.append((os.path.join(root, name), rel))
    return kept


def build_snapshot(folder: str, limit_mb: Optional[float] = None) -> str:
    """Writes the .tar.gz to a temporary file and returns its path; refuses folders past the limit."""
    limit_mb = limit_mb if limit_mb is not None else float(os.environ.get("CRUCIBLE_SNAPSHOT_LIMIT_MB", DEFAULT_LIMIT_MB))
    files = snapshot_files(folder)
    total = sum(os.path.getsize(path) for path, _ in files)
    if total > limit_mb * 1024 * 1024:
        biggest = sorted(files, key=lambda f: -os.path.getsize(f[0]))[:3]
        raise ValueError(
            f"The snapshot of {folder} is {total / 1024 / 1024:.1f} MiB, over the {limit_mb:.0f} MiB limit. "
            f"Largest files: {', '.join(name for _, name in biggest)}. Add them to .amlignore (or .gitignore)."
        )
    handle, target = tempfile.mkstemp(suffix=".tar.gz", prefix="crucible-snapshot-")
    os.close(handle)
    with tarfile.open(target, "w:gz") as archive:
        for path, name in files:
            archive.add(path, arcname=name, recursive=False)
    return target
