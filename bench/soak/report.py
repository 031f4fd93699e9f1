"""The soak's report as text for the terminal."""

from typing import Any


def render(report: dict[str, Any]) -> str:
    load = report["load"]
    lines = [
        "",
        f"== {report['database']}: {report['users']} people, {report['duration_s']:.0f} s",
        f"requests {load['requests']}  ({load['per_second']}/s)   statuses {load['statuses']}",
        f"5xx: {load['server_errors']}   no answer: {load['no_answer']}",
        "",
        f"{'kind':<22} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses",
    ]
    for kind, k in load["kinds"].items():
        lines.append(
            f"{kind:<22} {k['count']:>6} {k['p50_ms']:>8} {k['p95_ms']:>8} {k['p99_ms']:>8}  "
            f"{k['statuses']}"
        )
    lines += [
        "",
        f"{'from s':>7} {'to s':>6}  {'after':<30} {'req/s':>6} {'p95 ms':>8} {'5xx':>5} "
        f"{'none':>5}",
    ]
    for p in report["phases"]:
        lines.append(
            f"{p['from_s']:>7} {p['to_s']:>6}  {p['after']:<30} {p['per_second']:>6} "
            f"{p['p95_ms']:>8} {p['server_errors']:>5} {p['no_answer']:>5}"
        )
    w, c = report["writes"], report["checks"]
    mail = c["mail"]
    lines += [
        "",
        f"writes: {w['sent']} sent, {w['acknowledged']} acknowledged  {w['by_kind']}",
        f"stored exactly once: {c['stored_once']['checked']} checked, "
        f"{len(c['stored_once']['problems'])} problems",
        f"co-editing: {c['co_editing']['fields']} fields, {len(c['co_editing']['lost'])} "
        f"overwrites seen on {c['co_editing']['fields_hit']} of them",
        f"mail: {mail['rows']} rows, {mail['received']} received (keyed by {mail['keyed_by']}); "
        f"missing rows {len(mail['missing_rows'])}, unsent {len(mail['unsent'])}, "
        f"sent but not received {len(mail['sent_not_received'])}, doubled {mail['doubled']}, "
        f"sent again with the same Message-ID {mail.get('resent_same_id', 0)}",
        f"mail wait: {report['mail_wait']['seconds']} s, "
        f"still waiting {report['mail_wait']['still_waiting']}",
        f"tasks: {report['tasks']}",
        f"audit verify: {'intact' if c['audit']['intact'] else 'BROKEN ' + c['audit']['reason']} "
        f"({c['audit']['checked']} events)",
        "",
        "RESULT: " + ("PASS" if not report["failures"] else "FAIL"),
    ]
    lines += [f"  - {f}" for f in report["failures"]]
    return "\n".join(lines)
