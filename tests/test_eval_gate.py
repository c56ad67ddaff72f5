"""The evaluation gate: every headline metric on the dev sets and the seed stays at or above
its floor in eval/floors.json. Floors are today's numbers less 0.01; raise them when a change
improves a score (`eventwire eval --update-floors`), never lower them silently."""

import json

import pytest

from eventwire.evaluation import TASKS, below_floors, evaluate
from tests.conftest import REPO

FLOORS = json.loads((REPO / "eval" / "floors.json").read_text())["floors"]


@pytest.fixture(scope="module")
def results(shared, tmp_path_factory):
    return evaluate(TASKS, shared, workdir=tmp_path_factory.mktemp("eval"))


def test_every_task_has_floors():
    assert {key.split(".")[0] for key in FLOORS} == set(TASKS)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_metric_is_at_or_above_its_floor(results, key):
    assert not below_floors(results, {key: FLOORS[key]})


def test_seed_has_no_forbidden_output(results):
    for report in results["seed"]["articles"].values():
        assert report["forbidden"] == []


def test_below_floors_reports_drops_and_ceilings():
    results = {"events": {"metrics": {"macro_f1": 0.5}}, "seed": {"metrics": {"forbidden_hits": 1}}}
    assert below_floors(results, {"events.macro_f1": 0.6, "seed.forbidden_hits": 0}) == [
        "events.macro_f1 = 0.5 (floor 0.6)",
        "seed.forbidden_hits = 1 (floor 0)",
    ]
    assert below_floors(results, {"events.macro_f1": 0.5, "quotes.content_f1": 0.9}) == []
