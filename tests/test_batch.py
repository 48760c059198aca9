"""Batch runs: outputs that cannot be written, the output-folder lock, Ctrl-C, Dask."""

import importlib
import json
import signal
import subprocess
import sys
import time

import pytest
from conftest import minimal, write

from handout.lock import LOCK_NAME


def test_a_folder_where_the_pdf_should_go_fails_that_job_alone(cli, project):
    root = project(a=minimal("a"), b=minimal("b"))
    (root / "dist/en/a.pdf").mkdir(parents=True)
    result = cli("build", "--project", root)
    assert result.exit_code == 1
    assert (root / "dist/en/b.pdf").is_file()
    assert result.stderr.splitlines()[:2] == [
        "error: a [en] was not built:",
        f"  {root / 'dist/en/a.pdf'}: cannot write the PDF: Is a directory",
    ]
    assert "internal error" not in result.output
    assert list((root / "dist/en").glob(".*.tmp")) == []


def test_a_locale_folder_that_is_a_file_fails_that_locale_alone(cli, tmp_path):
    from conftest import fixture_project

    root = fixture_project(tmp_path)
    write(root / "dist/fr", "a file where a folder should be")
    result = cli("build", "--project", root)
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (root / "dist/en").iterdir()) == ["care.pdf", "visit.pdf"]
    assert f"  {root / 'dist/fr/care.pdf'}: cannot write the PDF: {root / 'dist/fr'} is a file, not a folder" in result.stderr.splitlines()
    assert "internal error" not in result.output
    outputs = json.loads((root / "dist/.handout-manifest.json").read_text())["outputs"]
    assert sorted(outputs) == ["en/care.pdf", "en/visit.pdf"]


def test_a_second_build_into_the_same_folder_is_refused(cli, project):
    root = project(a=minimal("a"))
    (root / "dist").mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write(root / "dist" / LOCK_NAME, f"{holder.pid}\n")
        result = cli("build", "--project", root)
        assert result.exit_code == 2
        assert result.stderr == (
            f"{root / 'dist'}: another handout build (process {holder.pid}) is writing to this folder; "
            f"wait for it to finish (if none is running, delete {root / 'dist' / LOCK_NAME})\n"
        )
        assert not (root / "dist/en/a.pdf").exists()
    finally:
        holder.kill()
        holder.wait()


def test_the_stale_lock_of_a_dead_process_is_taken_over(cli, project):
    root = project(a=minimal("a"))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    write(root / "dist" / LOCK_NAME, f"{dead.pid}\n")
    result = cli("build", "--project", root)
    assert result.exit_code == 0, result.output
    assert (root / "dist/en/a.pdf").is_file() and not (root / "dist" / LOCK_NAME).exists()


def test_an_interrupted_job_leaves_no_partial_file_and_exits_130(cli, project, monkeypatch):
    root = project(a=minimal("a"), b=minimal("b"), c=minimal("c"))
    build = importlib.import_module("handout.build")
    calls = []

    def interrupted_on_the_second(job):
        calls.append(job.handout.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(job)

    real = build.render_job
    monkeypatch.setattr(build, "render_job", interrupted_on_the_second)
    result = cli("build", "--project", root, "-j", "1", "--verbose")
    assert result.exit_code == 130
    assert sorted(p.name for p in (root / "dist/en").iterdir()) == ["a.pdf"]
    assert result.stderr.splitlines()[-3:] == [
        "interrupted: 1 PDF(s) finished before Ctrl-C and are kept; the rest were not written:",
        f"  {root / 'dist/en/a.pdf'}",
        "run the same build again to finish: what is finished is not rendered again",
    ]
    assert sorted(json.loads((root / "dist/.handout-manifest.json").read_text())["outputs"]) == ["en/a.pdf"]
    assert not (root / "dist" / LOCK_NAME).exists()
    monkeypatch.undo()
    again = cli("build", "--project", root, "--verbose")
    assert again.stdout.startswith("built 2, up to date 1, failed 0")


def test_sigint_stops_a_parallel_build_and_keeps_the_manifest_true(project):
    root = project(**{f"h{n:03}": minimal(f"h{n:03}") for n in range(150)})  # far more than one second of work
    process = subprocess.Popen(
        [sys.executable, "-m", "handout", "build", "--project", str(root), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while not list((root / "dist/en").glob("*.pdf")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    written = {p.name for p in (root / "dist/en").iterdir()}
    assert written and not [name for name in written if not name.endswith(".pdf")]  # no temporary files
    outputs = json.loads((root / "dist/.handout-manifest.json").read_text())["outputs"]
    assert {name.removeprefix("en/") for name in outputs} <= written
    assert all((root / "dist" / name).stat().st_size == entry["size"] for name, entry in outputs.items())
    assert "interrupted:" in stderr and stdout.startswith("built ")
    assert not (root / "dist" / LOCK_NAME).exists()


def test_dask_without_distributed_says_how_to_install(cli, project, monkeypatch):
    root = project(a=minimal("a"))
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = cli("build", "--project", root, "--executor", "dask")
    assert result.exit_code == 2
    assert result.stderr == "--executor dask needs dask.distributed: install it with `python3 -m pip install 'handout[dask]'`\n"


def test_dask_gives_the_same_bytes_as_the_local_pool(cli, tmp_path):
    distributed = pytest.importorskip("distributed")
    from conftest import fixture_project

    root = fixture_project(tmp_path)
    assert cli("build", "--project", root, "--out", root / "local", "-j", "2").exit_code == 0
    with distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=":0") as cluster:
        result = cli("build", "--project", root, "--out", root / "dask", "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    local = sorted(p.relative_to(root / "local") for p in (root / "local").rglob("*.pdf"))
    assert local == sorted(p.relative_to(root / "dask") for p in (root / "dask").rglob("*.pdf")) and len(local) == 4
    for path in local:
        assert (root / "local" / path).read_bytes() == (root / "dask" / path).read_bytes()


def test_a_scheduler_without_dask_is_a_usage_error(cli, project):
    root = project(a=minimal("a"))
    result = cli("build", "--project", root, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2 and result.stderr == "--scheduler needs --executor dask\n"
    assert not (root / "dist").exists()
