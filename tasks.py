"""The project's commands: run the dashboard, test, lint, bench. Standard library only.

    python3 tasks.py run [streamlit options]   e.g. python3 tasks.py run --server.port 8502
    python3 tasks.py test [pytest options]     e.g. python3 tasks.py test -k gmina -x
    python3 tasks.py lint [ruff options]
    python3 tasks.py bench
    python3 tasks.py compile                   the translations: locale/*/LC_MESSAGES/messages.po → .mo

Each command first makes sure `.venv` exists and holds the pinned requirements. pip runs only
when a requirements file changed since the last install (a sha256 stamp inside .venv records it),
so a second start is quick. `run` and `test` also compile the translations whose .mo is missing
or older than the .po (the dashboard would do it at start anyway); `compile` compiles them all.
Works on Linux, macOS and Windows (`py tasks.py run` there).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
RUNTIME_REQUIREMENTS = ROOT / "requirements.txt"
DEV_REQUIREMENTS = ROOT / "requirements-dev.txt"
MINIMUM_PYTHON = (3, 11)
PYTEST_NO_TESTS_COLLECTED = 5

USAGE = __doc__.split("\n\n")[1]


def say(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirements_digest(requirements: Path) -> str:
    """sha256 over the file and every file it includes with -r, so an edit to either counts."""
    digest = hashlib.sha256()
    pending = [requirements]
    seen: set[Path] = set()
    while pending:
        path = pending.pop(0).resolve()
        if path in seen:
            continue
        seen.add(path)
        content = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + content + b"\0")
        for line in content.decode("utf-8").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("-r", "--requirement"):
                pending.append(path.parent / words[1])
    return digest.hexdigest()


def stamp_file(requirements: Path) -> Path:
    return VENV / f".installed-{requirements.name}.sha256"


def create_venv() -> None:
    say(f"creating {VENV.name} with {sys.executable}")
    result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
    if result.returncode != 0 or not venv_python().exists():
        say("could not create the virtual environment.")
        say("On Debian/Ubuntu install the venv module first: apt-get install python3-venv")
        sys.exit(1)


def ensure_venv(requirements: Path) -> Path:
    """Create .venv if missing and install `requirements` unless the stamp says it is current."""
    if sys.version_info < MINIMUM_PYTHON:
        wanted = ".".join(map(str, MINIMUM_PYTHON))
        say(f"Python {wanted} or newer is needed; this is {sys.version.split()[0]}")
        sys.exit(1)
    if not venv_python().exists():
        create_venv()
    stamp = stamp_file(requirements)
    digest = requirements_digest(requirements)
    if stamp.exists() and stamp.read_text(encoding="ascii").strip() == digest:
        say(f"{requirements.name} already installed in {VENV.name}")
        return venv_python()
    say(f"installing {requirements.name} into {VENV.name}")
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run([*pip, "-r", str(requirements)], cwd=ROOT)
    if result.returncode != 0:
        say(f"pip failed (exit {result.returncode}); nothing was recorded, the next run retries")
        sys.exit(result.returncode)
    stamp.write_text(digest + "\n", encoding="ascii")
    return venv_python()


def replace_process(command: list[str]) -> None:
    """Hand this process over to `command` (exec on POSIX; on Windows wait and pass the code on)."""
    os.chdir(ROOT)
    sys.stdout.flush()
    if os.name == "nt":
        # os.exec* on Windows starts a new process and returns the console to the shell at once.
        sys.exit(subprocess.call(command))
    os.execv(command[0], command)


def compile_translations(python: Path, force: bool = False) -> None:
    """The gettext catalogues compiled with Babel (in the venv: this script uses the standard library
    only): those whose .mo is missing or older than the .po, or all of them with `force`."""
    code = ("from analytics.catalogue import LOCALE_DIR, compile_catalogues\n"
            f"for mo in compile_catalogues(force={force!r}):\n"
            "    print('[tasks] compiled', mo.relative_to(LOCALE_DIR.parent), flush=True)\n")
    if subprocess.call([str(python), "-c", code], cwd=ROOT) != 0:
        say("compiling the translations failed (the message above names the .po file and line)")
        sys.exit(1)


def compile_command(args: list[str]) -> None:
    compile_translations(ensure_venv(RUNTIME_REQUIREMENTS), force=True)


def run(args: list[str]) -> None:
    python = ensure_venv(RUNTIME_REQUIREMENTS)
    compile_translations(python)
    command = [
        str(python), "-m", "streamlit", "run", "server.py",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        *args,
    ]
    say("starting the dashboard: " + " ".join(command[1:]))
    replace_process(command)


def test(args: list[str]) -> None:
    python = ensure_venv(DEV_REQUIREMENTS)
    compile_translations(python)
    command = [str(python), "-m", "pytest", *args]
    say("running " + " ".join(command[1:]))
    code = subprocess.call(command, cwd=ROOT)
    if code == PYTEST_NO_TESTS_COLLECTED:
        say("pytest collected no tests: treating that as a failure")
        sys.exit(1)
    sys.exit(code)


def lint(args: list[str]) -> None:
    python = ensure_venv(DEV_REQUIREMENTS)
    command = [str(python), "-m", "ruff", "check", *(args or ["."])]
    say("running " + " ".join(command[1:]))
    sys.exit(subprocess.call(command, cwd=ROOT))


def bench(args: list[str]) -> None:
    python = ensure_venv(DEV_REQUIREMENTS)
    scripts = sorted((ROOT / "bench").glob("*.py"))
    if not scripts:
        say("no bench/*.py scripts to run")
        return
    failed = []
    for script in scripts:
        say(f"bench: {script.relative_to(ROOT)}")
        if subprocess.call([str(python), str(script), *args], cwd=ROOT) != 0:
            failed.append(script.name)
    if failed:
        say("failed: " + ", ".join(failed))
        sys.exit(1)


COMMANDS = {"run": run, "test": test, "lint": lint, "bench": bench, "compile": compile_command}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        print(USAGE)
        sys.exit(0 if argv and argv[0] in ("-h", "--help", "help") else 2)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
