"""Generated data for the scale benchmarks: a large bank (question and rubric files) and a
long history of attempts in the database.

Questions are copies of the bundled ones (all 题型), each with its own id and a prompt that
names a topic drawn from a list of 申论 topics, so that a search finds some and not others.
Attempts reuse real marks of the answers in `tests/data/answers` (stored as drill stores
them: the answer, its mark as JSON), spread over the questions, the profiles and five years.
The data is kept in a directory (`DIR/bank`, `DIR/drill.db`) so that later runs reuse it.
Run alone: `python bench/scale_data.py DIR [QUESTIONS] [ATTEMPTS]`.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from drill import paths
from drill.bank import load_bank, question_text, rubric_text
from drill.marker import mark_answer
from drill.store.bank_sync import rubric_version
from drill.store.progress import replay
from drill.store import Store

ANSWERS = Path(__file__).resolve().parent.parent / "tests" / "data" / "answers"
TOPICS = (
    "乡村振兴", "基层治理", "营商环境", "数字政府", "养老服务", "生态保护", "文化传承", "应急管理", "城市更新", "食品安全",
    "教育公平", "医疗改革", "就业创业", "科技创新", "社区服务", "网络安全", "交通治理", "老旧小区", "垃圾分类", "政务公开",
    "农村电商", "河长制", "放管服", "一网通办", "网格化", "志愿服务", "文明创建", "红色旅游", "非遗保护", "人才引进",
)
PROFILES = ("default",) + tuple(f"学员{i:02d}" for i in range(1, 10))


def generate_bank(root: Path, count: int, seed: int = 7) -> None:
    """`count` questions and their rubrics under `root/bank` and `root/rubrics`."""
    rng = random.Random(seed)
    bundled = load_bank([paths.bundled_root()])
    templates = sorted(bundled.questions)
    (root / "bank" / "materials").mkdir(parents=True, exist_ok=True)
    (root / "rubrics").mkdir(exist_ok=True)
    for material in bundled.materials.values():
        (root / "bank" / "materials" / f"{material.id}.md").write_text(material.text, encoding="utf-8")
    for i in range(count):
        template = templates[i % len(templates)]
        question, rubric = bundled.questions[template], bundled.rubrics[template]
        qid = f"g{i:06d}-{template}"
        topic = rng.choice(TOPICS)
        prompt = f"【{topic}·第{i}题】{question.prompt}"
        (root / "bank" / f"{qid}.toml").write_text(question_text(question.model_copy(update={"id": qid, "prompt": prompt})), encoding="utf-8")
        (root / "rubrics" / f"{qid}.toml").write_text(rubric_text(rubric.model_copy(update={"question": qid})), encoding="utf-8")


def fill_attempts(store: Store, count: int, seed: int = 11) -> None:
    """`count` attempts of real marked answers, over every question, profile and five years.

    Half of them are the default profile's (a candidate with years of daily practice), the
    rest spread over nine more profiles.
    """
    rng = random.Random(seed)
    ids = [qid for qid in store.question_ids() if qid.startswith("g")]
    by_template: dict[str, list[str]] = {}
    for qid in ids:
        by_template.setdefault(qid.split("-", 1)[1], []).append(qid)
    marks: dict[str, list[tuple[str, str, float, float, int, str]]] = {}
    bundled = Store(memory=True, roots=[paths.bundled_root()])
    answers = [p.read_text(encoding="utf-8") for p in sorted(ANSWERS.glob("*.txt"))]
    for template in by_template:
        question, rubric, version, material = bundled.marking(template)
        marks[template] = []
        for answer in answers[:12]:
            mark = mark_answer(answer, question, rubric, material)
            marks[template].append((answer, mark.model_dump_json(), mark.score, mark.max, mark.word_count, rubric_version(rubric)))
    start = datetime(2021, 11, 21, tzinfo=timezone(timedelta(hours=8)))
    templates = sorted(by_template)
    store.db.conn.execute("PRAGMA synchronous = OFF")
    batch = []
    for n in range(count):
        user = "default" if n % 2 == 0 else PROFILES[1 + (n // 2) % 9]
        template = templates[rng.randrange(len(templates))]
        qid = rng.choice(by_template[template])
        answer, mark, score, top, words, version = marks[template][rng.randrange(len(marks[template]))]
        created = (start + timedelta(seconds=int(n * 5 * 365 * 86400 / count))).isoformat(timespec="seconds")
        batch.append((user, qid, answer, score, top, words, rng.randrange(300, 3600), created, version, mark))
        if len(batch) == 20000:
            _insert(store, batch)
            batch = []
    _insert(store, batch)
    store.db.conn.execute("PRAGMA synchronous = NORMAL")
    for user in PROFILES:
        store.use(user)
    with store.db.atomic():
        replay(store.db, store.plan)


def _insert(store: Store, rows: list[tuple]) -> None:
    with store.db.atomic():
        store.db.conn.executemany(
            "INSERT INTO attempts (user, question, answer, score, max, word_count, seconds, created, rubric_version, mark)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def prepare(directory: Path, questions: int, attempts: int) -> tuple[Path, Path]:
    """The bank root and the database in `directory`, generated unless already there.

    Open it as a user would with `DRILL_HOME=directory DRILL_BANK=directory/bank-root`."""
    root, db = directory / "bank-root", directory / "drill.db"
    done = directory / f"done-{questions}-{attempts}"
    if not done.exists():
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
        started = time.perf_counter()
        if not (root / "bank").is_dir():
            generate_bank(root, questions)
        print(f"bank files written: {time.perf_counter() - started:.1f} s", flush=True)
        store = Store(db, roots=paths.bank_roots(root))  # as drill opens it with DRILL_BANK=root
        print(f"first build of {questions} questions: {time.perf_counter() - started:.1f} s", flush=True)
        fill_attempts(store, attempts)
        store.close()
        print(f"{attempts} attempts added: {time.perf_counter() - started:.1f} s", flush=True)
        done.touch()
    return root, db


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    prepare(target, int(sys.argv[2]) if len(sys.argv) > 2 else 100_000, int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000)
