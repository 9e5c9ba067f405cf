"""The candidates screen, for an instructor: every candidate's marks at every question they
answered, as `drill review` prints them (the same core function, `store.records.review`)."""

from __future__ import annotations

from itertools import islice

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.errors import DrillError
from drill.store.records import review, review_count, weak_named
from drill.tui.navigation import OpenHistory

# The rows shown: a class's candidates at every question of a bank many times over; beyond
# it, `drill review --csv` has them all.
SHOWN = 2000


class ReviewScreen(Screen[None]):
    """考生成绩: each candidate's attempts, average, best and last mark at each question."""

    BINDINGS = [Binding("escape", "back", "返回", id="back", tooltip="回到上一屏")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-summary")
        yield DataTable(id="review", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        store = self.app.store
        table = self.query_one("#review", DataTable)
        table.add_columns("考生", "题号", "作答", "平均", "最好", "最近", "常失分的采分点")
        try:
            rows = list(islice(review(store), SHOWN))
        except DrillError:  # (no attempts by anyone yet)
            rows = []
        texts: dict[str, dict[str, str]] = {}
        for r in rows:
            table.add_row(
                Text(r["user"]), r["question"], f"{r['attempts']}次", f"{r['average']:g}%", f"{r['best']:g}%", f"{r['last']:g}%",
                Text(weak_named(store, texts, r)),
            )
        total = review_count(store) if rows else 0
        if not rows:
            summary = "还没有任何考生的作答记录"
        elif total > len(rows):
            summary = f"每位考生每道题的成绩（%）· 显示前 {len(rows)} 组，共 {total} 组：全部见 drill review --csv · Enter 看这位考生的作答"
        else:
            summary = f"每位考生每道题的成绩（%）· {len({r['user'] for r in rows})} 位考生，{total} 组 · Enter 看这位考生的作答"
        self.query_one("#review-summary", Static).update(summary)
        table.focus()

    @on(DataTable.RowSelected, "#review")
    def _open(self, event: DataTable.RowSelected) -> None:
        """A candidate's attempts: drill switches to their profile (said, and Ctrl+O switches
        back) and opens their history, where each attempt's mark and answer are."""
        user = str(self.query_one("#review", DataTable).get_row(event.row_key)[0])
        if user != self.app.store.user:
            if not self.app.use_profile(user):
                return
            self.notify(f"现在是考生 {user} 的作答记录和练习（Ctrl+O 换回）", title="切换用户", timeout=8)
        self.post_message(OpenHistory())

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
