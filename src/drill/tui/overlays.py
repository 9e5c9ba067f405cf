"""Chinese text on a notification, tooltip or menu drawn over other widgets.

Textual's compositor cuts every screen line at every widget's edge and gives each piece to
the front-most widget there. A piece boundary that falls inside a double-width character of
the front widget (a toast over the edge of the material pane) splits it, and Rich draws a
split wide character as spaces: `已重新评分 2 次作答` showed as `已重新评分 2       `
(Textual issue #6357, open in 8.2). `install` makes the compositor cut a front widget's line
only where the widget behind changes: pieces that one widget wins side by side stay one
piece, the second of them kept as an empty placeholder so that nothing behind claims it,
and the ends of the pieces that partial updates crop to follow what each piece holds.
"""

from __future__ import annotations

_installed = False
_textual = {}  # Textual's own methods, as they were before `install`


def _render_chops(self, crop, is_rendered_line):
    """Textual's `Compositor._render_chops`, not cutting between pieces one widget wins."""
    from textual.geometry import Region
    from textual.strip import Strip

    cuts = self.cuts
    chops = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    empty = Strip([], 0)
    for region, clip, strips in self._get_renders(crop):
        render_region = Region.intersection(region, clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            free = [cut in line and line[cut] is None for cut in final_cuts]
            # A cut between two pieces this widget wins is not made (the last cut, the
            # widget's own edge, always is).
            kept = [final_cuts[0]] + [
                cut for i, cut in enumerate(final_cuts[1:], 1) if i == len(final_cuts) - 1 or not (free[i - 1] and free[i])
            ]
            for cut, piece in zip(kept, strip.divide([cut - render_x for cut in kept[1:]])):
                if line.get(cut) is None:
                    line[cut] = piece
            for i, cut in enumerate(final_cuts[:-1]):
                if free[i] and line.get(cut) is None:
                    line[cut] = empty  # joined to the piece before it
    return chops


def _render_partial_update(self):
    """Textual's `Compositor.render_partial_update`, each piece ending where its strip does,
    and an updated stretch of a line that ends inside a joined piece widened to its end (the
    piece is drawn whole rather than cut inside a character)."""
    from textual._compositor import ChopsUpdate
    from textual.geometry import Region

    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(self.size.region)
    spans = list(self._regions_to_spans(update_regions))
    chops = self._render_chops(crop, {y for y, _, _ in spans}.__contains__)
    chop_ends = [
        [end if strip is None else x + strip.cell_length for (x, strip), end in zip(line.items(), cut_set[1:])]
        for line, cut_set in zip(chops, self.cuts)
    ]
    widened = []
    for y, x1, x2 in spans:
        for (x, strip), end in zip(chops[y].items(), chop_ends[y]):
            if strip is not None and x < x2 < end:
                x2 = end
        widened.append((y, x1, x2))
    return ChopsUpdate(chops, widened, chop_ends)


def install() -> None:
    """Keep wide characters whole where a widget is drawn over others."""
    global _installed
    if _installed:
        return
    from textual._compositor import Compositor

    _textual.update(render_chops=Compositor._render_chops, render_partial_update=Compositor.render_partial_update)
    Compositor._render_chops = _render_chops
    Compositor.render_partial_update = _render_partial_update
    _installed = True
