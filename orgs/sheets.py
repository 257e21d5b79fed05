"""The rows of the printable score sheets (评分表) and the panel's summary sheet (汇总表), from any panel's
submitted scores; orgs builds them for stage evaluations, venture for a round's proposals."""

from incubator import scoring


def build(criteria, entries):
    """`entries`: (expert, item label, {criterion id: value}, total, comment) per submitted score set, items
    in their display order. Returns the template context: one sheet per expert, the experts, the summary."""
    sheets, items, experts = {}, {}, {}
    for expert, label, values, total, comment in entries:
        experts.setdefault(expert.pk, expert)
        sheets.setdefault(expert.pk, []).append(
            {"label": label, "values": [values.get(c.pk) for c in criteria], "total": total, "comment": comment}
        )
        items.setdefault(label, {})[expert.pk] = total
    summary = []
    for label, totals in items.items():
        panel = scoring.panel_result(totals.values())
        summary.append(
            {
                "label": label,
                "totals": [totals.get(pk) for pk in experts],
                "result": panel.result,
                "trimmed": panel.trimmed,
            }
        )
    return {
        "criteria": criteria,
        "sheets": [{"expert": experts[pk], "rows": rows} for pk, rows in sheets.items()],
        "experts": list(experts.values()),
        "summary": summary,
    }
