"""Start a real ``retold serve`` on a free loopback port; a small urllib client for it (no test deps)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOKEN = "test-token-3c1f"


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    """A running server: its base URL and store file."""

    url: str
    db: Path
    proc: subprocess.Popen[bytes]

    def call(
        self, method: str, path: str, body: Any = None, *, raw: bytes | None = None, token: str | None = None,
        form: dict[str, str | list[str]] | None = None, files: dict[str, tuple[str, bytes]] | None = None,
    ) -> Reply:  # fmt: skip
        """``form`` alone is sent URL-encoded; with ``files`` the two go as ``multipart/form-data``."""
        headers = {"Content-Type": "application/json"}
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if form is not None and files is None:
            data = urllib.parse.urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if files is not None:
            data, headers["Content-Type"] = multipart(form or {}, files)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return Reply(r.status, r.read(), {k.lower(): v for k, v in r.headers.items()})
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read(), {k.lower(): v for k, v in e.headers.items()})


def multipart(fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body as a browser sends it: fields, then each file with its name."""
    boundary = "----retold" + uuid.uuid4().hex
    out = []
    for name, value in fields.items():
        for v in [value] if isinstance(value, str) else value:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + v.encode())
    for name, (filename, data) in files.items():
        quoted = filename.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")  # as browsers send it
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{quoted}"\r\n'
        out.append(f"{head}Content-Type: application/octet-stream\r\n\r\n".encode() + data)
    body = b"\r\n".join(out) + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(db: Path, *args: str, src: Path | None = None) -> Server:
    """Start ``retold serve`` and wait until it answers (the model loads before it listens); ``src``: run the
    retold package found there (another checkout's ``src``) instead of the installed one."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.Popen(
        [sys.executable, "-m", "retold", "serve", "--db", str(db), "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    server = Server(f"http://127.0.0.1:{port}", db, proc)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"retold serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if server.call("GET", "/openapi.json").status == 200:
                return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("retold serve did not answer within 180 s")


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()
