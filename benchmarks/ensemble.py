"""Benchmark: mass-driver ensembles through moonbase, REBOUND IAS15, heyoka and scipy DOP853.

Two ensembles fired from the Moon's leading point (0 N, 90 W) at 2030-01-01 00:00 UTC
and followed for 365 days:

``escape``  radial launch at 2.5 km/s with a 1 m/s (1 sigma) speed dispersion: every
            payload leaves the Earth-Moon system;
``mixed``   elevation uniform in 20-70 deg, azimuth uniform, speed uniform in
            2.2-2.6 km/s: lunar and Earth impacts, bound payloads and escapes.

Every integrator starts from the same barycentric ICRF states (built by moonbase) and
uses the same bodies (Sun, Mercury, Venus, Earth, Moon and the Mars, Jupiter, Saturn,
Uranus and Neptune system barycentres) with DE421's mass parameters:

- moonbase reads the bodies from the DE421 ephemeris (one and two threads);
- REBOUND IAS15 (epsilon 1e-9) integrates the bodies from their DE421 initial states
  with the payloads as test particles in one simulation; after every step payloads
  inside the Moon (1,737.4 km) or below 100 km above the Earth are removed;
- heyoka (Taylor, tolerance 2.2e-16) integrates, in each lane of its ensemble
  propagation, the ten bodies plus one massless payload, with terminal events for
  the two impacts; one and two worker threads; compiled in compact mode unless
  ``--heyoka-full-jit`` (whose compilation takes minutes);
- scipy ``solve_ivp`` DOP853 (rtol 1e-11) with the bodies from the ephemeris, in
  Python: a small subset only (``--scipy-count``), its throughput extrapolated.

Fates are moonbase's (:mod:`moonbase.orbits.fates`): impacts, else inside or outside
the Earth's Hill sphere at the end. Printed per ensemble and size: wall time,
payload-days per second, ratios to moonbase (one thread), final-position agreement
with IAS15 for payloads that ended with the same fate and no impact, fate agreement,
and each payload whose fate differs from IAS15's with a diagnosis: moonbase is rerun
at rtol 1e-13 (does the fate move with the tolerance: integration error) and heyoka
is the second opinion (the peers integrate the bodies with point-mass Newtonian
gravity, while DE421 includes relativity, the lunar and terrestrial figures and
asteroids, so after a chaotic close lunar pass their paths may separate).

Each row also shows ``cpu/wall`` (process CPU time over wall time: about 2 when two
threads really ran at once) and the 1-minute load average when the run started (other
work on the machine slows every integrator; compare rows run at similar load).

Run: ``.venv/bin/python benchmarks/ensemble.py [--sizes 1000 10000] [--only escape]``
(several minutes; IAS15 on ``mixed`` at 10,000 payloads dominates). The output is
also written as JSON with ``--json-out FILE``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np

from moonbase.constants import EARTH_ATMOSPHERE_INTERFACE_M, EARTH_EQUATORIAL_RADIUS_M, MOON_MEAN_RADIUS_M
from moonbase.constants import SECONDS_PER_DAY
from moonbase.orbits.ephemeris import (BODIES, body_state_m, body_table, de421, epoch_from_utc, gm_m3_s2,
                                       table_positions, tabulate_bodies)
from moonbase.orbits.fates import fates_from_outcomes
from moonbase.orbits.frames import site_state_icrf
from moonbase.orbits.propagator import PropagatorSettings, earth_hill_radius_m, propagate

EPOCH_UTC = "2030-01-01T00:00:00"
DAYS = 365.0
LEADING_POINT_RAD = (0.0, math.radians(-90.0))  # 0 N, 90 W: apex of the leading hemisphere
EARTH_IMPACT_M = EARTH_EQUATORIAL_RADIUS_M + EARTH_ATMOSPHERE_INTERFACE_M
MOONBASE_RTOL = 1e-11
_EVENTS = ("lunar_impact", "earth_impact")  # heyoka terminal events, in order


def initial_states(kind: str, count: int, seed: int, epoch):
    """Barycentric ICRF states [m, m/s] and launch parameters of an ensemble."""
    rng = np.random.default_rng(seed)
    if kind == "escape":
        azimuth = np.zeros(count)
        elevation = np.full(count, 0.5 * np.pi)
        speed = 2500.0 + rng.normal(0.0, 1.0, count)
    else:
        elevation = np.radians(rng.uniform(20.0, 70.0, count))
        azimuth = rng.uniform(0.0, 2.0 * np.pi, count)
        speed = rng.uniform(2200.0, 2600.0, count)
    position, velocity = site_state_icrf(*LEADING_POINT_RAD, 0.0, azimuth, elevation, speed, epoch)
    return position, velocity, {"azimuth_deg": np.degrees(azimuth), "elevation_deg": np.degrees(elevation),
                                "speed_m_s": speed}


def classify(final_position_m, impacted: np.ndarray, earth_final_m: np.ndarray) -> np.ndarray:
    """Fate names from impact codes (0 none, 1 Moon, 2 Earth) and the final Earth distance."""
    outside = np.linalg.norm(final_position_m - earth_final_m, axis=1) > earth_hill_radius_m()
    names = np.where(outside, "heliocentric", "earth_moon_bound").astype(object)
    names[impacted == 1] = "lunar_impact"
    names[impacted == 2] = "earth_impact"
    return names.astype(str)


def newtonian_body_table(epoch):
    """The ten bodies integrated by IAS15 from their DE421 states (point masses), as a moonbase table.

    Feeding moonbase the peers' own body trajectories separates integrator error from
    the force-model difference (DE421 versus Newtonian point masses).
    """
    import rebound

    au_m = de421().AU * 1000.0
    cache = {}

    def positions(body, times_s):
        if "grid" not in cache:
            sim = rebound.Simulation()
            sim.G = 1.0
            sim.integrator = "ias15"
            for gm, p, v in _body_states_au(epoch, au_m):
                sim.add(m=gm, x=p[0], y=p[1], z=p[2], vx=v[0], vy=v[1], vz=v[2])
            grid = np.unique(np.asarray(times_s, dtype=float).ravel())
            out = np.empty((grid.size, len(BODIES), 3))
            xyz = np.empty(3 * len(BODIES))
            for k, t in enumerate(grid):
                if t > 0.0:
                    sim.integrate(t / SECONDS_PER_DAY, exact_finish_time=1)
                sim.serialize_particle_data(xyz=xyz)
                out[k] = xyz.reshape(-1, 3) * au_m
            cache["grid"], cache["out"] = grid, out
        index = np.searchsorted(cache["grid"], times_s)
        newtonian = cache["out"][index, BODIES.index(body)]
        ephemeris, _ = body_state_m(body, epoch, times_s)
        return np.where((np.asarray(times_s) > 0.0)[..., None], newtonian, ephemeris)

    return tabulate_bodies(positions, BODIES, [gm_m3_s2(b) for b in BODIES], epoch, 0.0, DAYS * SECONDS_PER_DAY)


def run_moonbase(epoch, position, velocity, threads: int, rtol: float = MOONBASE_RTOL, table=None):
    settings = PropagatorSettings(relative_tolerance=rtol, threads=threads)
    table = body_table(epoch, 0.0, DAYS * SECONDS_PER_DAY) if table is None else table
    start, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    run = propagate(epoch, position, velocity, 0.0, DAYS * SECONDS_PER_DAY, settings, table=table)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"wall_s": wall, "cpu_s": cpu, "load": load, "fates": fates_from_outcomes(run.outcome), "final_m": run.final_position_m,
            "event_days": run.event_time_s / SECONDS_PER_DAY, "steps": run.steps + run.rejected_steps}


def _body_states_au(epoch, au_m):
    day = SECONDS_PER_DAY
    rows = []
    for body in BODIES:
        p, v = body_state_m(body, epoch)
        rows.append((gm_m3_s2(body) / au_m**3 * day**2, p / au_m, v / au_m * day))
    return rows


def run_rebound(epoch, position, velocity):
    """IAS15, bodies integrated, payloads as test particles; impacts removed after each step."""
    import rebound

    au_m = de421().AU * 1000.0
    sim = rebound.Simulation()
    sim.G = 1.0
    sim.integrator = "ias15"
    sim.integrator.epsilon = 1e-9
    for gm, p, v in _body_states_au(epoch, au_m):
        sim.add(m=gm, x=p[0], y=p[1], z=p[2], vx=v[0], vy=v[1], vz=v[2])
    nb = len(BODIES)
    sim.N_active = nb
    sim.testparticle_type = 0
    day = SECONDS_PER_DAY
    for p, v in zip(position / au_m, velocity / au_m * day):
        sim.add(m=0.0, x=p[0], y=p[1], z=p[2], vx=v[0], vy=v[1], vz=v[2])
    n = len(position)
    alive = np.arange(n)
    impacted = np.zeros(n, dtype=int)
    event_days = np.full(n, np.nan)
    final = np.full((n, 3), np.nan)
    moon, earth = BODIES.index("moon"), BODIES.index("earth")
    moon_r, earth_r = MOON_MEAN_RADIUS_M / au_m, EARTH_IMPACT_M / au_m
    start, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    while sim.t < DAYS and alive.size:
        if sim.t + sim.dt >= DAYS:
            sim.integrate(DAYS, exact_finish_time=1)
        else:
            sim.steps(1)
        xyz = np.empty(3 * sim.N)
        sim.serialize_particle_data(xyz=xyz)
        xyz = xyz.reshape(-1, 3)
        payloads = xyz[nb:]
        hit_moon = np.linalg.norm(payloads - xyz[moon], axis=1) < moon_r
        hit_earth = np.linalg.norm(payloads - xyz[earth], axis=1) < earth_r
        hit = hit_moon | hit_earth
        if hit.any():
            for k in np.flatnonzero(hit)[::-1]:
                ident = alive[k]
                impacted[ident] = 1 if hit_moon[k] else 2
                event_days[ident] = sim.t
                final[ident] = payloads[k] * au_m
                sim.remove(int(nb + k))
            alive = alive[~hit]
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    xyz = np.empty(3 * sim.N)
    sim.serialize_particle_data(xyz=xyz)
    xyz = xyz.reshape(-1, 3) * au_m
    final[alive] = xyz[nb:]
    fates = classify(final, impacted, xyz[earth])
    return {"wall_s": wall, "cpu_s": cpu, "load": load, "fates": fates, "final_m": final, "event_days": event_days}


def _heyoka_template(epoch, compact: bool = True):
    import heyoka as hy

    au_m = de421().AU * 1000.0
    rows = _body_states_au(epoch, au_m)
    nb = len(rows)
    system = hy.model.nbody(nb + 1, masses=[gm for gm, _, _ in rows] + [0.0], Gconst=1.0)
    state = []
    for _, p, v in rows:
        state += list(p) + list(v)
    state += [0.0] * 6
    names = [f"{c}_{i}" for i in (nb, BODIES.index("moon"), BODIES.index("earth")) for c in ("x", "y", "z")]
    xp, yp, zp, xm, ym, zm, xe, ye, ze = hy.make_vars(*names)
    moon_r, earth_r = MOON_MEAN_RADIUS_M / au_m, EARTH_IMPACT_M / au_m
    events = [hy.t_event((xp - xm) ** 2 + (yp - ym) ** 2 + (zp - zm) ** 2 - moon_r**2,
                         direction=hy.event_direction.negative),
              hy.t_event((xp - xe) ** 2 + (yp - ye) ** 2 + (zp - ze) ** 2 - earth_r**2,
                         direction=hy.event_direction.negative)]
    # compact mode by default: the full JIT of this 11-body Taylor integrator took ~9 minutes to compile here
    # (--heyoka-full-jit measures the faster-running full JIT anyway)
    return hy.taylor_adaptive(system, state, t_events=events, compact_mode=compact), nb, au_m, np.array(state)


def run_heyoka(template, position, velocity, threads: int):
    import heyoka as hy

    ta, nb, au_m, base = template
    day = SECONDS_PER_DAY
    payload_states = np.concatenate([position / au_m, velocity / au_m * day], axis=1)

    def generate(copy, index):
        copy.time = 0.0
        state = base.copy()
        state[6 * nb:] = payload_states[index]
        copy.state[:] = state
        return copy

    n = len(position)
    start, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    results = hy.ensemble_propagate_until(ta, DAYS, n, generate, max_workers=threads)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    impacted = np.zeros(n, dtype=int)
    event_days = np.full(n, np.nan)
    final = np.empty((n, 3))
    earth_final = np.empty((n, 3))
    earth = BODIES.index("earth")
    for i, result in enumerate(results):
        lane, outcome = result[0], int(result[1])
        state = np.array(lane.state)
        final[i] = state[6 * nb:6 * nb + 3] * au_m
        earth_final[i] = state[6 * earth:6 * earth + 3] * au_m
        if -len(_EVENTS) <= outcome < 0:  # terminal event k stops with outcome -(k + 1)
            impacted[i] = -outcome
            event_days[i] = lane.time
    outside = np.linalg.norm(final - earth_final, axis=1) > earth_hill_radius_m()
    fates = np.where(outside, "heliocentric", "earth_moon_bound").astype(object)
    fates[impacted == 1] = "lunar_impact"
    fates[impacted == 2] = "earth_impact"
    return {"wall_s": wall, "cpu_s": cpu, "load": load, "fates": fates.astype(str), "final_m": final, "event_days": event_days}


def run_scipy(epoch, position, velocity):
    """solve_ivp DOP853 one payload at a time, bodies from the same ephemeris table."""
    from scipy.integrate import solve_ivp

    table = body_table(epoch, 0.0, DAYS * SECONDS_PER_DAY)
    gm = table.gm_m3_s2
    bodies = np.empty(table.coefficients_m.shape[2])
    moon, earth = table.index("moon"), table.index("earth")

    def derivative(t, y):
        table_positions(table.coefficients_m, table.widths, table.start_s, table.granule_s, t, bodies)
        d = bodies.reshape(-1, 3) - y[:3]
        r2 = np.einsum("ij,ij->i", d, d)
        return np.concatenate([y[3:], (gm / (r2 * np.sqrt(r2))) @ d])

    def distance_event(index, radius):
        def event(t, y):
            table_positions(table.coefficients_m, table.widths, table.start_s, table.granule_s, t, bodies)
            return np.linalg.norm(y[:3] - bodies[3 * index:3 * index + 3]) - radius
        event.terminal = True
        event.direction = -1
        return event

    events = [distance_event(moon, MOON_MEAN_RADIUS_M), distance_event(earth, EARTH_IMPACT_M)]
    atol = np.array([1e-3] * 3 + [1e-9] * 3)
    n = len(position)
    impacted = np.zeros(n, dtype=int)
    final = np.empty((n, 3))
    event_days = np.full(n, np.nan)
    start, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    for i in range(n):
        sol = solve_ivp(derivative, (0.0, DAYS * SECONDS_PER_DAY), np.concatenate([position[i], velocity[i]]),
                        method="DOP853", rtol=MOONBASE_RTOL, atol=atol, events=events)
        final[i] = sol.y[:3, -1]
        for k, times in enumerate(sol.t_events):
            if len(times):
                impacted[i] = k + 1
                event_days[i] = times[0] / SECONDS_PER_DAY
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    earth_final, _ = body_state_m("earth", epoch, DAYS * SECONDS_PER_DAY)
    return {"wall_s": wall, "cpu_s": cpu, "load": load, "fates": classify(final, impacted, earth_final), "final_m": final,
            "event_days": event_days}


def agreement(result, reference) -> dict:
    """Fate agreement and final-position differences (same fate, no impact) with a reference run."""
    same = result["fates"] == reference["fates"]
    free = same & np.isin(result["fates"], ["heliocentric", "earth_moon_bound"])
    diff_km = np.linalg.norm(result["final_m"] - reference["final_m"], axis=1)[free] / 1000.0
    helio = (result["fates"] == "heliocentric")[free]
    out = {"fate_agreement": float(same.mean()), "disagreements": int((~same).sum())}
    for label, mask in (("all", np.ones_like(helio)), ("heliocentric", helio)):
        values = diff_km[mask]
        out[f"position_km_{label}"] = (None if values.size == 0 else
                                       {"median": float(np.median(values)), "p90": float(np.percentile(values, 90)),
                                        "max": float(values.max())})
    return out


def diagnose(epoch, kind, launch, position, velocity, runs) -> list[dict]:
    """Each payload whose moonbase fate differs from IAS15's, with a diagnosis."""
    mb, ias = runs["moonbase 1 thread"], runs["REBOUND IAS15"]
    hey = runs.get("heyoka 1 thread")
    same_bodies = runs.get("moonbase, IAS15 bodies")
    rows = np.flatnonzero(mb["fates"] != ias["fates"])
    if rows.size == 0:
        return []
    tight = run_moonbase(epoch, position[rows], velocity[rows], threads=2, rtol=1e-13)
    earth_end, _ = body_state_m("earth", epoch, DAYS * SECONDS_PER_DAY)
    hill = earth_hill_radius_m()
    out = []
    for j, i in enumerate(rows):
        near_hill = any(abs(np.linalg.norm(run["final_m"][i] - earth_end) / hill - 1.0) < 0.1
                        for run in (mb, ias) if np.isfinite(run["final_m"][i]).all())
        if tight["fates"][j] == ias["fates"][i]:
            reason = "integration error: moonbase at rtol 1e-13 agrees with IAS15"
        elif same_bodies is not None and same_bodies["fates"][i] == ias["fates"][i]:
            reason = ("force model: with IAS15's own (Newtonian) body trajectories moonbase agrees with IAS15; "
                      "DE421's Moon and Earth differ from them by ~1 km/month, and close lunar passes amplify it")
        elif near_hill:
            reason = "ends within 10 % of the Hill-sphere radius: the fate turns on where the run stops"
        elif hey is not None and hey["fates"][i] == ias["fates"][i]:
            reason = ("force model: the fate holds at rtol 1e-13 and both Newtonian peers agree; DE421's Moon "
                      "and Earth differ from the integrated ones by ~1 km/month, amplified by close lunar passes")
        else:
            reason = "chaotic: the peers disagree with each other too"
        out.append({
            "ensemble": kind, "payload": int(i), "speed_m_s": float(launch["speed_m_s"][i]),
            "azimuth_deg": float(launch["azimuth_deg"][i]), "elevation_deg": float(launch["elevation_deg"][i]),
            "moonbase": str(mb["fates"][i]), "moonbase_rtol_1e-13": str(tight["fates"][j]),
            "moonbase_ias15_bodies": None if same_bodies is None else str(same_bodies["fates"][i]),
            "ias15": str(ias["fates"][i]), "heyoka": None if hey is None else str(hey["fates"][i]),
            "moonbase_event_day": float(mb["event_days"][i]), "ias15_event_day": float(ias["event_days"][i]),
            "diagnosis": reason,
        })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--only", choices=["escape", "mixed"], default=None)
    parser.add_argument("--seed", type=int, default=2030)
    parser.add_argument("--scipy-count", type=int, default=20)
    parser.add_argument("--skip", nargs="*", default=[], choices=["rebound", "heyoka", "scipy"])
    parser.add_argument("--json-out", default=None)
    parser.add_argument("--heyoka-full-jit", action="store_true",
                        help="compile heyoka without compact mode (minutes of compilation, faster steps)")
    args = parser.parse_args()

    epoch = epoch_from_utc(EPOCH_UTC)
    print(f"epoch {EPOCH_UTC} UTC, {DAYS:.0f} days, leading point 0 N 90 W, bodies: {', '.join(BODIES)}")
    print(f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f} (other work on the machine "
          "slows every integrator alike)")
    warm_p, warm_v, _ = initial_states("mixed", 8, 0, epoch)
    run_moonbase(epoch, warm_p, warm_v, threads=1)  # load or compile the numba kernels
    newtonian = None if "rebound" in args.skip else newtonian_body_table(epoch)
    template = None
    if "heyoka" not in args.skip:
        start = time.perf_counter()
        template = _heyoka_template(epoch, compact=not args.heyoka_full_jit)
        mode = "full JIT" if args.heyoka_full_jit else "compact mode"
        print(f"heyoka ({mode}): Taylor integrator compiled in {time.perf_counter() - start:.1f} s (not timed below)")
    report = {"epoch_utc": EPOCH_UTC, "days": DAYS, "results": [], "disagreements": []}
    kinds = [args.only] if args.only else ["escape", "mixed"]
    for kind in kinds:
        for size in args.sizes:
            position, velocity, launch = initial_states(kind, size, args.seed, epoch)
            runs = {"moonbase 1 thread": run_moonbase(epoch, position, velocity, threads=1),
                    "moonbase 2 threads": run_moonbase(epoch, position, velocity, threads=2)}
            if newtonian is not None:
                runs["moonbase, IAS15 bodies"] = run_moonbase(epoch, position, velocity, threads=2, table=newtonian)
            if "rebound" not in args.skip:
                runs["REBOUND IAS15"] = run_rebound(epoch, position, velocity)
            if template is not None:
                runs["heyoka 1 thread"] = run_heyoka(template, position, velocity, threads=1)
                runs["heyoka 2 threads"] = run_heyoka(template, position, velocity, threads=2)
            scipy_run = None
            if "scipy" not in args.skip and args.scipy_count > 0:
                count = min(args.scipy_count, size)
                scipy_run = run_scipy(epoch, position[:count], velocity[:count])
                scipy_run["count"] = count
            base = runs["moonbase 1 thread"]
            fates, counts = np.unique(base["fates"], return_counts=True)
            print(f"\n== {kind}, {size} payloads: moonbase fates "
                  + ", ".join(f"{f} {c}" for f, c in zip(fates, counts)))
            print(f"{'integrator':<22}{'wall [s]':>10}{'cpu/wall':>9}{'load':>6}{'payload-days/s':>16}{'moonbase(1) / it':>18}"
                  f"{'fates = IAS15':>15}{'pos. diff vs IAS15 [km] median / p90 / max (same fate, no impact)':>70}")
            entries = list(runs.items()) + ([("scipy DOP853 (subset)", scipy_run)] if scipy_run else [])
            for name, run in entries:
                count = run.get("count", size)
                rate = count * DAYS / run["wall_s"]
                base_rate = size * DAYS / base["wall_s"]
                row = {"ensemble": kind, "size": size, "integrator": name, "payloads": count, "wall_s": run["wall_s"],
                       "payload_days_per_s": rate, "moonbase_1_thread_over_this": base_rate / rate}
                row.update(cpu_per_wall=run["cpu_s"] / run["wall_s"], load_average=run["load"])
                text = (f"{name:<22}{run['wall_s']:>10.2f}{run['cpu_s'] / run['wall_s']:>9.2f}{run['load']:>6.2f}"
                        f"{rate:>16,.0f}{base_rate / rate:>18.2f}")
                if "REBOUND IAS15" in runs:
                    reference = runs["REBOUND IAS15"]
                    if count < size:
                        reference = {k: v[:count] for k, v in reference.items() if isinstance(v, np.ndarray)}
                    agree = agreement(run, reference)
                    row.update(agree)
                    pos = agree["position_km_all"]
                    pos_text = "-" if pos is None else f"{pos['median']:.3g} / {pos['p90']:.3g} / {pos['max']:.3g}"
                    text += f"{agree['fate_agreement']:>15.2%}{pos_text:>70}"
                print(text)
                report["results"].append(row)
            if "REBOUND IAS15" in runs:
                rows = diagnose(epoch, kind, launch, position, velocity, runs)
                report["disagreements"] += [dict(r, size=size) for r in rows]
                for r in rows:
                    print(f"  payload {r['payload']}: v {r['speed_m_s']:.1f} m/s az {r['azimuth_deg']:.1f} el "
                          f"{r['elevation_deg']:.1f} -> moonbase {r['moonbase']} (day {r['moonbase_event_day']:.2f}), "
                          f"IAS15 {r['ias15']} (day {r['ias15_event_day']:.2f}), heyoka {r['heyoka']}, "
                          f"moonbase@1e-13 {r['moonbase_rtol_1e-13']}, moonbase with IAS15 bodies "
                          f"{r['moonbase_ias15_bodies']}: {r['diagnosis']}")
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, default=float)


if __name__ == "__main__":
    main()
