"""moonbase against REBOUND IAS15 (an independent integrator): same initial states, same bodies.

REBOUND integrates the ten bodies from their DE421 states with Newtonian point-mass gravity while
moonbase reads them from DE421 (which also holds relativity, figure effects and asteroids): after
30 days DE421's Earth and Moon and the integrated ones differ by ~1 km, so payloads leaving the
Earth-Moon system without a close encounter must agree to better than 1 km.
"""

from __future__ import annotations

import numpy as np
import pytest

from moonbase.constants import SECONDS_PER_DAY
from moonbase.orbits.ephemeris import BODIES, body_state_m, de421, epoch_from_utc, gm_m3_s2
from moonbase.orbits.fates import fates_from_outcomes
from moonbase.orbits.frames import site_state_icrf
from moonbase.orbits.propagator import PropagatorSettings, propagate

rebound = pytest.importorskip("rebound")

EPOCH = epoch_from_utc("2030-01-01T00:00:00")
DAYS = 30.0
ONE_KM = 1000.0


def _rebound_final_positions(position_m, velocity_m_s):
    au_m, day = de421().AU * 1000.0, SECONDS_PER_DAY
    sim = rebound.Simulation()
    sim.G = 1.0
    sim.integrator = "ias15"
    for body in BODIES:
        p, v = body_state_m(body, EPOCH)
        sim.add(m=gm_m3_s2(body) / au_m**3 * day**2, x=p[0] / au_m, y=p[1] / au_m, z=p[2] / au_m,
                vx=v[0] / au_m * day, vy=v[1] / au_m * day, vz=v[2] / au_m * day)
    sim.N_active = len(BODIES)
    for p, v in zip(position_m / au_m, velocity_m_s / au_m * day):
        sim.add(m=0.0, x=p[0], y=p[1], z=p[2], vx=v[0], vy=v[1], vz=v[2])
    sim.integrate(DAYS, exact_finish_time=1)
    xyz = np.empty(3 * sim.N)
    sim.serialize_particle_data(xyz=xyz)
    return xyz.reshape(-1, 3)[len(BODIES):] * au_m


def _escape_states(count, seed):
    rng = np.random.default_rng(seed)
    return site_state_icrf(0.0, np.radians(-90.0), 0.0, rng.uniform(0, 2 * np.pi, count),
                           np.radians(rng.uniform(60.0, 90.0, count)), rng.uniform(2480.0, 2600.0, count), EPOCH)


def _check(count, seed):
    position, velocity = _escape_states(count, seed)
    run = propagate(EPOCH, position, velocity, 0.0, DAYS * SECONDS_PER_DAY, PropagatorSettings())
    assert np.all(fates_from_outcomes(run.outcome) == "heliocentric")
    difference_m = np.linalg.norm(run.final_position_m - _rebound_final_positions(position, velocity), axis=1)
    assert difference_m.max() < ONE_KM, f"largest difference {difference_m.max():.0f} m"


def test_escaping_payloads_match_rebound_ias15_within_1_km_after_30_days():
    _check(count=6, seed=1)


@pytest.mark.slow
def test_escaping_ensemble_matches_rebound_ias15_within_1_km_after_30_days():
    _check(count=300, seed=2)
