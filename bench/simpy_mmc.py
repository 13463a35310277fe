"""SimPy reference for the M/M/c target in DESIGN.md ("≥ 10× SimPy's customers
per second on the same machine"). The same model as scenarios/validation/mmc.json:
Poisson arrivals λ=9/min, c=10 servers, exponential service with mean 1 min, FIFO.
Written the way the SimPy docs write a queue (a Resource and one process per
customer); prints one JSON line. Run: /usr/bin/python3 bench/simpy_mmc.py [customers]
(Debian package python3-simpy3; bench/run.mjs calls it when it is installed)."""
import json
import random
import sys
import time

import simpy

LAMBDA, MU, SERVERS = 9.0, 1.0, 10


def customer(env, servers, rng, waits):
    arrived = env.now
    with servers.request() as request:
        yield request
        waits.append(env.now - arrived)
        yield env.timeout(rng.expovariate(MU))


def source(env, servers, rng, waits, customers):
    for _ in range(customers):
        yield env.timeout(rng.expovariate(LAMBDA))
        env.process(customer(env, servers, rng, waits))


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(1)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    waits = []
    started = time.perf_counter()
    env.process(source(env, servers, rng, waits, customers))
    env.run()
    seconds = time.perf_counter() - started
    print(json.dumps({
        "simpy": simpy.__version__,
        "python": sys.version.split()[0],
        "customers": customers,
        "seconds": seconds,
        "customersPerSecond": customers / seconds,
        "meanWait": sum(waits) / len(waits),
    }))


if __name__ == "__main__":
    main()
