"""Optuna's TPE on the functions of bench/bo.ts, as a quality baseline.

Runs TPESampler(seed=s) with in-memory storage on Branin (x1 in [-5, 10],
x2 in [0, 15]) and Hartmann-6 ([0, 1]^6), one study per function and seed,
and prints one JSON line: the Optuna version and, per function, the
best-so-far value after each evaluation for each seed (seeds in order).

    /usr/bin/python3 bench/optuna_tpe.py SEEDS FUNCTION:BUDGET [FUNCTION:BUDGET ...]
    e.g. /usr/bin/python3 bench/optuna_tpe.py 10 branin:50 hartmann6:100

Needs only optuna (Debian: apt-get install python3-optuna).
"""

import json
import math
import sys
import time

import optuna

A6 = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
P6 = [
    [v * 1e-4 for v in row]
    for row in [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
]
ALPHA6 = [1, 1.2, 3, 3.2]


def branin(trial):
    x1 = trial.suggest_float("x1", -5, 10)
    x2 = trial.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi**2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(trial):
    x = [trial.suggest_float(f"x{j}", 0, 1) for j in range(6)]
    s = 0.0
    for i in range(4):
        e = sum(A6[i][j] * (x[j] - P6[i][j]) ** 2 for j in range(6))
        s += ALPHA6[i] * math.exp(-e)
    return -s


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6}


def trace(objective, seed, budget):
    """Best value after each of `budget` evaluations of TPE with this seed."""
    study = optuna.create_study(
        direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed)
    )
    best = math.inf
    out = []
    for _ in range(budget):
        trial = study.ask()
        value = objective(trial)
        study.tell(trial, value)
        best = min(best, value)
        out.append(best)
    return out


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    seeds = int(sys.argv[1])
    results = {}
    seconds = {}
    for spec in sys.argv[2:]:
        name, budget = spec.split(":")
        started = time.perf_counter()
        results[name] = [
            trace(FUNCTIONS[name], seed, int(budget)) for seed in range(1, seeds + 1)
        ]
        seconds[name] = round(time.perf_counter() - started, 2)
    print(json.dumps({"optuna": optuna.__version__, "traces": results, "seconds": seconds}))


if __name__ == "__main__":
    main()
