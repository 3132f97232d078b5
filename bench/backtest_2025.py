"""Backtest: forecast Iraq's 2025 house from what was known before it, beside the real seats.

What the forecast knows (all of it public before polling day, 11 Nov 2025):

* the 2025 law (modified Sainte-Laguë 1.7 per governorate, 320 general seats, 9 minority
  seats), the governorates' seats, and which lists ran where (taken from the 2025 rows of
  the dataset: list registration is public before the vote, but the data only name lists
  that reported votes: a mild leak, stated);
* the 2023 governorate council results (``bench/data/governorate_2023.csv``: seats per list
  in the 8 governorates the sources cover);
* the 2021 national vote shares per list (the dataset's 2021 results);
* the 2018 and 2021 national seats (the dataset), for the size of the error.

Swing model (stated):

1. In a governorate with 2023 council results, a 2025 list's expected share is its 2023
   predecessor's council seat share there (seats are a proxy of votes under Sainte-Laguë);
   elsewhere, its 2021 predecessor's national vote share (a uniform national base). A list
   with no predecessor starts with the share of a one-seat list (one 2023 council seat, or
   0.3% of the 2021 vote). Shares are renormalised over the lists running in each
   governorate. Predecessors are the table ``PREDECESSORS`` below (judgements, with notes).
2. National error per list: the standard deviation of the log change of national seat
   shares between 2018 and 2021 of the lists that won seats in both (computed here from the
   data: Iraqi lists' fortunes swing far more than polls err); governorate error half of it.
3. Blocs: the dataset's alliances and families on the day the 2025 house first sat
   (29 Dec 2025), used only to group lists; the minority seats are fixed as they fell.

Then 100,000 draws (seed 2025); each list and bloc's 90% interval is set beside its real 2025
seats. Usage: python bench/backtest_2025.py [--draws 100000] [--seed 2025]
"""

from __future__ import annotations

import argparse
import csv
import math
from dataclasses import replace
from pathlib import Path

import numpy as np

from majlis.data import load_dataset
from majlis.forecast import from_election, run_forecast, with_blocs

# 2025 list id -> (2023 council list names, [(2021 party id, weight)], note)
PREDECESSORS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, float], ...], str]] = {
    "sol": (("State of Law Coalition",), (("sol", 1.0),), ""),
    "badr": (("Nabni Alliance",), (("fatah", 0.5),), "Nabni/Fatah split evenly with Sadiqoun"),
    "sadiqoun": (("Nabni Alliance",), (("fatah", 0.5),), "Nabni/Fatah split evenly with Badr"),
    "nsf": (("National State Forces Alliance",), (("nsf", 1.0),), ""),
    "taqaddum": (("Taqaddum",), (("taqaddum", 1.0),), ""),
    "siyada": (
        ("Sovereignty Alliance", "Sovereignty Party"),
        (("azm", 0.5),),
        "Khanjar's wing of 2021 Azm",
    ),
    "azm": (("Azm Alliance",), (("azm", 0.5),), "the other wing of 2021 Azm"),
    "tasmim": (("Tasmim Alliance",), (("tasmim", 1.0),), ""),
    "isci": (("Abshir ya Iraq",), (), "ISCI's 2023 list"),
    "ishraqat-kanoon": (("Ishraqat Kanoun",), (("ishraqat-kanoon", 1.0),), ""),
    "hasm": (("Al-Hasm Alliance", "Al-Hasm al-Watani"), (("hasm", 1.0),), ""),
    "kdp": (("Kurdistan Democratic Party",), (("kdp", 1.0),), ""),
    "puk": (("Kirkuk Our Strength and Our Will",), (("kurdistan-alliance", 1.0),), "PUK-led lists"),
    "ngm": ((), (("ngm", 1.0),), ""),
    "komal": ((), (("komal", 1.0),), ""),
    "masses": ((), (("masses", 1.0),), ""),
    "huqooq": ((), (("huqooq", 1.0),), ""),
    "rdc": ((), (("furatain", 1.0),), "Sudani's own 2021 list; the 2025 coalition is new"),
    "asas": (("Iraqi Foundation Alliance (Asas)",), (), ""),
    "qimam": (("Qimam Alliance",), (), ""),
    "arab-kirkuk": (("Arab Alliance",), (("arab-kirkuk", 1.0),), ""),
    "uitf": (("United Iraqi Turkmen Front",), (("itf", 1.0),), ""),
    "itf": ((), (("itf", 1.0),), ""),
    "faw-zakho": (("Al-Faw Zakho Gathering",), (), ""),
    "idraak": (("Edraak Movement",), (), ""),
}
COUNCIL_NAMES = {"Qadisiyah": "Qadisiyah (Diwaniyah)"}
DATA = Path(__file__).parent / "data" / "governorate_2023.csv"


def volatility(ds) -> float:
    """Sd of log(seat share 2021 / seat share 2018) over lists with seats in both."""
    s18 = {r.party: r.seats for r in ds.results_of(2018) if r.seats and r.party != "independents"}
    s21 = {r.party: r.seats for r in ds.results_of(2021) if r.seats and r.party != "independents"}
    logs = [math.log(s21[p] / s18[p]) for p in s18.keys() & s21.keys()]
    return float(np.std(logs, ddof=1)), len(logs)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2025)
    a = ap.parse_args()
    ds = load_dataset("iraq")
    council: dict[str, dict[str, int]] = {}
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            gov = COUNCIL_NAMES.get(row["governorate"], row["governorate"])
            council.setdefault(gov, {})[row["list"]] = int(row["seats"])
    share21 = {r.party: (r.vote_share or 0.0) / 100 for r in ds.results_of(2021)}
    sigma, n_lists = volatility(ds)
    base = from_election(
        ds, 2025, national_error=sigma, district_error=sigma / 2, turnout_error=0.1
    )
    shares = np.zeros_like(base.shares)
    sources = {"2023 council": 0, "2021 national": 0, "newcomer": 0}
    for d, gov in enumerate(base.districts):
        seats23 = council.get(gov)
        for j, lid in enumerate(base.lists):
            if base.shares[d, j] <= 0:
                continue
            names, prev21, _ = PREDECESSORS.get(lid, ((), (), ""))
            if seats23:
                total = sum(seats23.values())
                got = sum(seats23.get(n, 0) for n in names)
                split = 0.5 if lid in ("badr", "sadiqoun") else 1.0
                value = got * split / total if got else 0.0
                kind = "2023 council" if got else "newcomer"
                value = value or 1 / total
            else:
                value = sum(share21.get(p, 0.0) * w for p, w in prev21)
                kind = "2021 national" if value else "newcomer"
                value = value or 0.003
            shares[d, j] = value
            sources[kind] += 1
    inp = replace(
        base,
        shares=shares,
        name="Iraq 2025 forecast from the 2023 councils and the 2021 shares (backtest)",
        notes=(
            f"national error {sigma:.2f}: sd of the log change of seat shares 2018->2021 over {n_lists} lists",
            f"expected shares per (governorate, list): {sources}",
            *[n for n in base.notes if "fixed" in n or "pooled" in n],
        ),
    )
    inp = with_blocs(inp, base.blocs, base.coalitions)
    res = run_forecast(inp, a.draws, a.seed)
    real = dict(ds.parliament(election=2025).seats)
    print(inp.name)
    for note in inp.notes:
        print(f"  - {note}")
    print(f"  - {res.draws:,} draws, seed {res.seed}\n")
    print(f"{'list or bloc':44} {'mean':>6} {'90% interval':>13} {'real':>5}  inside")
    inside = total = 0
    errors = []
    simulated = {lid for j, lid in enumerate(inp.lists) if (inp.shares[:, j] > 0).any()}
    rows = [x for x in res.lists if x.id in simulated and (real.get(x.id, 0) > 0 or x.mean >= 1)]
    for x in rows:
        r = real.get(x.id, 0)
        ok = x.contains(r)
        inside += ok
        total += 1
        errors.append(abs(x.mean - r))
        print(
            f"{x.name[:44]:44} {x.mean:6.1f} {x.p5:>6}-{x.p95:<6} {r:>5}  {'yes' if ok else 'NO'}"
        )
    print(
        f"\nlists inside their 90% interval: {inside} of {total} (simulated lists with a real seat "
        f"or a mean >= 1; the {len(res.lists) - len(simulated)} holders of minority seats are fixed)"
    )
    print(f"mean absolute error of the mean seats: {np.mean(errors):.1f} seats a list")
    b_in = 0
    print(f"\n{'bloc':44} {'mean':>6} {'90% interval':>13} {'real':>5}  inside")
    for b in res.blocs:
        r = sum(real.get(m, 0) for m in b.members)
        ok = b.contains(r)
        b_in += ok
        print(
            f"{b.name[:44]:44} {b.mean:6.1f} {b.p5:>6}-{b.p95:<6} {r:>5}  {'yes' if ok else 'NO'}"
        )
    print(f"\nblocs inside their 90% interval: {b_in} of {len(res.blocs)}")


if __name__ == "__main__":
    main()
