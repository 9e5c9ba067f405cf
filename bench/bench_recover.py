"""`drill recover` on a large damaged database: the share of attempts restored, and the time.

    python bench/bench_recover.py [ATTEMPTS]

Makes a database of ATTEMPTS attempts (100,000 unless given) of a real marked answer, then
damages copies of it: 100 bytes changed in the middle, one page zeroed, the 100-byte header
zeroed, page 2 zeroed, and the header with ten pages zeroed at random places. For each: how
many attempts `readable_with_header_mended` gets back, how many it counts lost, and the
time, beside reading every attempt of the sound file in plain SQLite in the same run.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path


def build(home: Path, count: int) -> Path:
    os.environ["DRILL_HOME"] = str(home)
    from drill.marker import mark_answer
    from drill.store import Store
    from drill.store.database import insert_attempt

    store = Store()
    question, rubric, version, material = store.marking("s001-q2")
    mark = mark_answer(question.references[0], question, rubric, material).model_dump_json()
    with store.db.atomic():
        for i in range(count):
            record = {
                "user": "default", "question": "s001-q2", "answer": f"{question.references[0]}（{i}）", "score": 10.0, "max": 10.0,
                "word_count": 130, "seconds": None, "created": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00+08:00",
                "rubric_version": version,
            }
            insert_attempt(store.db, record, mark)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return home / "drill.db"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from drill.store.recover import readable_with_header_mended

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = build(Path(folder), count)
        print(f"{count:,} attempts, {path.stat().st_size / 1e6:.0f} MB, made in {time.perf_counter() - started:.0f} s")
        sound = path.read_bytes()
        pages = len(sound) // 4096
        started = time.perf_counter()
        con = sqlite3.connect(path)
        plain = len(con.execute("SELECT * FROM attempts").fetchall())
        con.close()
        print(f"baseline: reading the {plain:,} attempts of the sound file in plain SQLite: {time.perf_counter() - started:.2f} s")
        rng = random.Random(5)

        def zeroed(data: bytearray, page: int) -> None:
            data[page * 4096 : (page + 1) * 4096] = bytes(4096)

        cases = {}
        damaged = bytearray(sound)
        damaged[len(sound) // 2 : len(sound) // 2 + 100] = rng.randbytes(100)
        cases["100 bytes changed mid-file"] = damaged
        damaged = bytearray(sound)
        zeroed(damaged, pages // 2)
        cases["one page zeroed mid-file"] = damaged
        damaged = bytearray(sound)
        damaged[:100] = bytes(100)
        cases["the header zeroed"] = damaged
        damaged = bytearray(sound)
        zeroed(damaged, 1)
        cases["page 2 zeroed"] = damaged
        damaged = bytearray(sound)
        damaged[:100] = bytes(100)
        for _ in range(10):
            zeroed(damaged, rng.randrange(3, pages))
        cases["header and ten pages zeroed"] = damaged
        for name, data in cases.items():
            path.write_bytes(bytes(data))
            for side in ("-wal", "-shm"):
                Path(f"{path}{side}").unlink(missing_ok=True)
            started = time.perf_counter()
            found, lost = readable_with_header_mended(path)
            took = time.perf_counter() - started
            print(f"{name:28} restored {len(found):>7,} ({len(found) / count:.2%}), lost {lost:,}, {took:.1f} s")


if __name__ == "__main__":
    main()
