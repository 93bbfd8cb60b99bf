#!/usr/bin/env python3
"""ToolSchema beside the fastest peers, interleaved in one run on the same bytes.

For each payload (payloads/*.args.json with its *.schema.json), times:
  parse     ours `toolschema bench` parse_ns        vs orjson.loads(bytes)
  validate  ours validate_ns (pre-parsed value)     vs jsonschema-rs is_valid(pre-parsed)
  check     ours check_ns (string to checked value) vs msgspec typed decode, orjson + jsonschema-rs,
                                                       pydantic model_validate_json
  limit     simdjson's C++ DOM parse alone (no Python objects): a proxy for the physical limit
and prints the ratio ours / fastest peer (below 1.0: ours is faster). Machines here are noisy:
only the ratios of one run mean anything.

usage: compare.py [--cli PATH] [--rounds N] [--seconds S] [payload ...]
       (default: tiny small small_invalid medium medium_invalid large)
"""
import json, os, statistics, subprocess, sys, timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import msgspec, orjson, jsonschema_rs, simdjson  # noqa: E402
import models  # noqa: E402

P = os.path.join(HERE, "payloads")
STRUCT = {"tiny": "GetWeather", "small": "BookTicket", "small_invalid": "BookTicket", "medium": "CreateOrder",
          "medium_invalid": "CreateOrder", "large": "BulkUpsert"}


def timed(fn, repeat=5):
    t = timeit.Timer(fn)
    n, _ = t.autorange()
    return min(t.repeat(repeat, n)) / n * 1e9


def peers(name, b):
    schema_name = name.replace("_invalid", "")
    schema = json.load(open(os.path.join(P, schema_name + ".schema.json")))
    dec = msgspec.json.Decoder(getattr(models, "M" + STRUCT[name]))
    pyd = getattr(models, "P" + STRUCT[name])
    v = jsonschema_rs.validator_for(schema, validate_formats=True)
    o = orjson.loads(b)

    def msgspec_check():
        try:
            dec.decode(b)
        except msgspec.ValidationError:
            pass

    def pydantic_check():
        try:
            pyd.model_validate_json(b)
        except Exception:
            pass

    sp = simdjson.Parser()

    def simdjson_dom():
        sp.parse(b)  # the C++ DOM only, no Python objects: a proxy for the speed limit

    limit = timed(simdjson_dom)
    return {
        "limit": limit,
        "parse": {"orjson": timed(lambda: orjson.loads(b))},
        "validate": {"jsonschema-rs": timed(lambda: v.is_valid(o))},
        "check": {"msgspec": timed(msgspec_check), "orjson+jsonschema-rs": timed(lambda: v.is_valid(orjson.loads(b))),
                  "pydantic": timed(pydantic_check)},
    }


def ours(cli, name, seconds):
    schema_name = name.replace("_invalid", "")
    its = ["--seconds", str(seconds)]  # calibrated per step
    r = subprocess.run([cli, "bench", "--schema", os.path.join(P, schema_name + ".schema.json"), "--arguments-file",
                        os.path.join(P, name + ".args.json"), "--mode", "repair", "--format", "json"] + its,
                       capture_output=True, timeout=600)
    if r.returncode != 0:
        sys.exit(f"toolschema bench failed: {r.stderr.decode()[:300]}")
    d = json.loads(r.stdout)
    return {"parse": d["parse_ns"], "validate": d["validate_ns"], "check": d["check_ns"]}


def main(argv):
    cli, rounds, seconds, names = os.path.abspath(".build/release/toolschema"), 3, 1.0, []
    i = 0
    while i < len(argv):
        if argv[i] == "--cli": cli = argv[i + 1]; i += 2
        elif argv[i] == "--rounds": rounds = int(argv[i + 1]); i += 2
        elif argv[i] == "--seconds": seconds = float(argv[i + 1]); i += 2
        else: names.append(argv[i]); i += 1
    names = names or ["tiny", "small", "small_invalid", "medium", "medium_invalid", "large"]
    if not os.path.exists(cli):
        sys.exit(f"no binary at {cli}: swift build -c release (or pass --cli)")
    print(f"{'payload':22s} {'op':9s} {'ours ns':>12s} {'fastest peer':>22s} {'peer ns':>12s} {'ratio':>6s}")
    worst = 0.0
    for name in names:
        b = open(os.path.join(P, name + ".args.json"), "rb").read()
        o_runs, p_runs = [], []
        for _ in range(rounds):  # interleaved, so both sides share the machine's drift
            o_runs.append(ours(cli, name, seconds))
            p_runs.append(peers(name, b))
        for op in ("parse", "validate", "check"):
            o = statistics.median(r[op] for r in o_runs)
            best_label, best = min(((lab, statistics.median(r[op][lab] for r in p_runs)) for lab in p_runs[0][op]),
                                   key=lambda x: x[1])
            ratio = o / best
            if op == "check":
                worst = max(worst, ratio)
            print(f"{name + ' (' + str(len(b)) + ' B)':22s} {op:9s} {o:12,.0f} {best_label:>22s} {best:12,.0f} {ratio:6.2f}")
        lim = statistics.median(r["limit"] for r in p_runs)
        print(f"{'':22s} {'limit':9s} {'':12s} {'simdjson DOM parse':>22s} {lim:12,.0f}")
    print(f"check: worst ratio ours / fastest peer {worst:.2f}")


main(sys.argv[1:])
