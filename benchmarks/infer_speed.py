"""How many typical (~5 KB) messages `agent.infer.classify` handles per second on one core.

    python benchmarks/infer_speed.py [--n 2000] [--pure]

Prints the start-up time (import + first call) and the steady rate. Target: >= 1,000 msg/s.
`--pure` forces the pure-Python word walk instead of the Aho-Corasick one (pyahocorasick),
to show what the project does without the C extension.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta

_PARAGRAPHS = [
    "Thank you for taking the time to speak with our team about the Senior Data Engineer role. "
    "Everyone enjoyed learning about your work on streaming pipelines and data quality.",
    "We are still gathering feedback from the panel and expect to make a decision early next "
    "week. In the meantime, please share your availability for a short call with our VP.",
    "Our benefits include flexible hours, a learning budget, and a hybrid setup in Berlin. "
    "Feel free to reply to this email with any questions about the process or the team.",
    "Unfortunately the interviewer is travelling on Thursday, so we may need to move one of the "
    "conversations. We'll confirm the final schedule shortly through our scheduling tool.",
]
_FOOTER = (
    "\n\nBest regards,\nJordan Lee\nTechnical Recruiter | Brightwave\njordan.lee@brightwave.io\n\n"
    "Brightwave is an equal opportunity employer. This message may contain confidential "
    "information. If you received it in error, please delete it and notify the sender. " * 3
)


def make_messages(n: int) -> list[object]:
    from agent.message import Address, Message

    base = datetime(2024, 3, 6, 10, tzinfo=UTC)
    out = []
    for i in range(n):
        paras = [_PARAGRAPHS[(i + k) % len(_PARAGRAPHS)] for k in range(24)]
        body = f"Hi Alex,\n\nRe: your application (ref {i:06d}).\n\n" + "\n\n".join(paras) + _FOOTER
        out.append(
            Message(
                subject=f"Re: Senior Data Engineer - next steps #{i}",
                from_=Address("Jordan Lee", "no-reply@us.greenhouse-mail.io"),
                body=body[:5200],
                date=base + timedelta(minutes=i),
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--pure", action="store_true", help="pure-Python word walk only")
    args = ap.parse_args()
    t0 = time.perf_counter()
    from agent.infer import classify, scan

    if args.pure:
        scan.USE_AUTOMATON = False
    walk = "Aho-Corasick" if scan.ahocorasick is not None and scan.USE_AUTOMATON else "pure Python"

    msgs = make_messages(args.n)
    classify(msgs[0])  # type: ignore[arg-type]
    startup = time.perf_counter() - t0
    t1 = time.perf_counter()
    for m in msgs:
        classify(m)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t1
    size = sum(len(m.body) for m in msgs) / len(msgs)  # type: ignore[attr-defined]
    print(f"word walk: {walk}")
    print(f"start-up (import + first message): {startup:.3f} s")
    print(f"messages: {args.n}, mean body {size / 1024:.1f} KB")
    print(f"rate: {args.n / elapsed:,.0f} messages/s ({1000 * elapsed / args.n:.2f} ms each)")


if __name__ == "__main__":
    main()
