"""The charts screen: marks over time, per question or per 题型 (textual-plotext)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from drill.progress import score_series

# The attempts plotted: the last ones, as many as a terminal's width can tell apart.
RECENT = 300


class ChartsScreen(Screen[None]):
    """成绩走势: each line one question (or 题型), marks as a share of the full marks."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back", tooltip="回到上一屏"),
        Binding("t", "toggle", "按题/按题型", id="toggle", tooltip="按题或按题型看走势"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.by = "question"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="chart-summary")
        yield PlotextPlot(id="chart")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        """Plot the series of the current grouping."""
        total, recent = self.app.store.recent_scores(RECENT)
        series = score_series(recent, self.by, first=total - len(recent) + 1)
        chart = self.query_one(PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        for label, points in series.items():
            plt.scatter([n for n, _ in points], [p for _, p in points], label=label, marker="●")
        plt.ylim(0, 118)  # room above 100% for the legend, so no mark hides under it
        plt.yticks([0, 20, 40, 60, 80, 100])
        count = len(recent)
        if count:
            first = total - count + 1
            step = max(1, count // 10)
            plt.xticks(list(range(first, total + 1, step)))
        plt.xlabel("第几次")
        plt.ylabel("得分率 %")
        chart.refresh()
        grouping = "每道题" if self.by == "question" else "每种题型"
        shown = f"最近 {count} / {total} 次作答" if count < total else f"{count} 次作答"
        text = f"成绩走势（{grouping}）· {shown} · t 切换按题/按题型" if count else "还没有作答记录：练几道题后这里会画出成绩走势"
        self.query_one("#chart-summary", Static).update(text)
        self.series = series

    def action_toggle(self) -> None:
        """Group the lines by question or by 题型."""
        self.by = "type" if self.by == "question" else "question"
        self.draw()

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
