"""The charts screen: marks over time, per question or per 题型 (textual-plotext)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from drill.progress import paper_series, score_series
from drill.store.papers import paper_attempts

# The attempts plotted: the last ones, as many as a terminal's width can tell apart.
RECENT = 300
# Each series' colour in the chart (plotext's name) and in the legend above it (Rich's).
COLOURS = [("red", "red"), ("green", "green"), ("blue", "blue"), ("orange", "dark_orange"), ("magenta", "magenta"),
           ("cyan", "cyan"), ("yellow", "yellow"), ("gray", "grey50"), ("white", "white")]


class ChartsScreen(Screen[None]):
    """成绩走势: each line one question (or 题型), marks as a share of the full marks."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back", tooltip="回到上一屏"),
        Binding("t", "toggle", "按题/题型/试卷", id="toggle", tooltip="按题、按题型或按整份试卷（模考总分）看走势"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.by = "question"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="chart-summary")
        yield Static("", id="chart-legend")
        yield PlotextPlot(id="chart")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        """Plot the series of the current grouping."""
        if self.by == "paper":
            sat = paper_attempts(self.app.store, limit=RECENT)
            total, recent, series = len(sat), sat, paper_series(sat)
        else:
            total, recent = self.app.store.recent_scores(RECENT)
            series = score_series(recent, self.by, first=total - len(recent) + 1)
        chart = self.query_one(PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        legend = Text()
        for i, (label, points) in enumerate(series.items()):
            plot_colour, shown_colour = COLOURS[i % len(COLOURS)]
            plt.scatter([n for n, _ in points], [p for _, p in points], color=plot_colour, marker="●")
            legend.append("● ", style=shown_colour).append(label + "  ")
        # The legend is drawn here, not by the chart: it measures a Chinese label a cell a
        # character and would push the chart's frame out of line.
        self.query_one("#chart-legend", Static).update(legend)
        plt.ylim(0, 105)
        plt.yticks([0, 20, 40, 60, 80, 100])
        count = len(recent)
        if count:
            first = total - count + 1
            step = max(1, count // 10)
            plt.xticks(list(range(first, total + 1, step)))
        plt.xlabel("第几次模考" if self.by == "paper" else "第几次")
        plt.ylabel("得分率 %")
        chart.refresh()
        grouping = {"question": "每道题", "type": "每种题型", "paper": "每份试卷的模考总分"}[self.by]
        what = "次模考" if self.by == "paper" else "次作答"
        shown = f"最近 {count} / {total} {what}" if count < total else f"{count} {what}"
        empty = "还没有模考记录：按 Ctrl+Y 选一份试卷模考后这里会画出总分走势" if self.by == "paper" else "还没有作答记录：练几道题后这里会画出成绩走势"
        text = f"成绩走势（{grouping}）· {shown} · t 切换按题/按题型/按试卷" if count else f"{empty} · t 切换"
        self.query_one("#chart-summary", Static).update(text)
        self.series = series

    def action_toggle(self) -> None:
        """Group the lines by question, by 题型, or show the papers' totals."""
        self.by = {"question": "type", "type": "paper", "paper": "question"}[self.by]
        self.draw()

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
