"""Optuna baseline for bench/http.ts: sequential ask/tell on RDBStorage.

Usage: python3 optuna_baseline.py URL SECONDS REPS SIZE [SIZE ...]

For each SIZE (ascending), the study is first grown to SIZE finished trials
(written in batches through Optuna's ORM models), then a short warm-up
and REPS runs of SECONDS each of the loop

    trial = study.ask(); 5 x trial.suggest_float(...); study.tell(trial, value)

are timed. The sampler is RandomSampler(seed=1), like minima's "random"
algorithm. Prints one JSON object on stdout.
"""

import json
import sys
import time

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState

NAMES = [f"x{i}" for i in range(5)]


def pairs_per_second(study, seconds):
    """Runs the ask/tell loop for `seconds`; returns (pairs/s, pairs)."""
    n = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        trial = study.ask()
        value = sum(trial.suggest_float(name, 0.0, 1.0) for name in NAMES)
        study.tell(trial, value)
        n += 1
    return n / (time.perf_counter() - start), n


def fill(url, study_name, size):
    """Grows the study to `size` finished trials, written straight through
    Optuna's own ORM models in batches (add_trials costs ~20 ms a trial);
    returns the seconds it took. The trials look like told ones."""
    from datetime import datetime

    from optuna.distributions import distribution_to_json
    from optuna.storages._rdb import models
    from sqlalchemy import func, orm

    storage = optuna.storages.RDBStorage(url=url)
    start = time.perf_counter()
    dist = distribution_to_json(FloatDistribution(0.0, 1.0))
    finite = models.TrialValueModel.TrialValueType.FINITE
    with orm.Session(bind=storage.engine) as session:
        study_id = storage.get_study_id_from_name(study_name)
        have = session.query(func.count(models.TrialModel.trial_id)).filter(
            models.TrialModel.study_id == study_id).scalar()
        while have < size:
            batch = min(1000, size - have)
            now = datetime.now()
            rows = []
            for i in range(batch):
                number = have + i
                params = [(number * 0.6180339887 * (k + 1)) % 1.0 for k in range(len(NAMES))]
                rows.append(models.TrialModel(
                    number=number, study_id=study_id, state=TrialState.COMPLETE,
                    datetime_start=now, datetime_complete=now,
                    params=[models.TrialParamModel(param_name=n, param_value=v,
                                                   distribution_json=dist)
                            for n, v in zip(NAMES, params)],
                    values=[models.TrialValueModel(objective=0, value=sum(params),
                                                   value_type=finite)],
                ))
            session.add_all(rows)
            session.commit()
            have += batch
    storage.remove_session()
    return time.perf_counter() - start


def open_study(url):
    """The benchmark's study, through a fresh storage (and so a fresh cache)."""
    return optuna.load_study(
        study_name="bench",
        storage=optuna.storages.RDBStorage(url=url),
        sampler=optuna.samplers.RandomSampler(seed=1),
    )


def main():
    url, seconds, reps = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    sizes = sorted(int(s) for s in sys.argv[4:]) or [0]
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    optuna.create_study(
        storage=optuna.storages.RDBStorage(url=url),
        study_name="bench",
        direction="minimize",
    )
    results = []
    for size in sizes:
        filled = fill(url, "bench", size)
        study = open_study(url)
        start_size = len(study.get_trials(deepcopy=False))
        pairs_per_second(study, min(1.0, seconds / 3))  # warm-up
        runs = [pairs_per_second(study, seconds) for _ in range(reps)]
        results.append({
            "size": start_size,
            "fillSeconds": round(filled, 2),
            "pairsPerSecond": [round(r[0], 1) for r in runs],
            "endSize": len(study.get_trials(deepcopy=False)),
        })
    print(json.dumps({"optuna": optuna.__version__, "results": results}))


if __name__ == "__main__":
    main()
