#!/usr/bin/env python3
"""The repair study: does the model's next call succeed after ToolSchema's hint?

Runs a fixed set of tasks (tasks.py: prompts over the tools in schemas/, each with its intended
call) against an OpenAI-compatible server with tools (../shared/model/ starts llama.cpp's
llama-server with a small model). For each task it sends the prompt with the task's tools, at a
temperature where a small model errs and a fixed seed, and checks the first call with
`toolschema validate` (strict, then repair). For each call that stays invalid it asks the model
once more in two otherwise identical conversations: one answering the call with ToolSchema's
hint, one with a baseline in the style other libraries send (the bare validator errors and
"Recall the function correctly, fix the errors"), with the same seed and temperature, so the two
messages are the only difference. It prints a summary (Markdown) and writes every request's
record to a JSON Lines file it names.

Needs MODEL_BASE_URL (for example http://127.0.0.1:PORT/v1) and a release build of toolschema.
Not part of `swift test`: it needs a live server. Usage:

    swift build -c release
    out=$(../shared/model/start.sh); export MODEL_BASE_URL=$(echo "$out" | sed -n 's/^MODEL_BASE_URL=//p')
    Benchmarks/RepairStudy/study.py [--temperature 1.0] [--seed 7] [--limit N] [--out FILE]
"""
import json, os, subprocess, sys, time, urllib.request, urllib.error, collections, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import tasks as task_set  # noqa: E402

CLI = os.environ.get("TOOLSCHEMA", os.path.join(ROOT, ".build/release/toolschema"))


def arg(name, default):
    if name in sys.argv:
        return type(default)(sys.argv[sys.argv.index(name) + 1])
    return default


def derive(spec):
    out = subprocess.run([CLI, "derive", os.path.join(ROOT, "schemas", spec), "--to", "openai", "--compact"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def check(spec, tool, arguments, mode):
    r = subprocess.run([CLI, "validate", "--schema", os.path.join(ROOT, "schemas", spec), "--tool", tool,
                        "--mode", mode, "--format", "json"],
                       input=arguments, capture_output=True, text=True)
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return {"valid": False, "errors": [{"keyword": "cli", "message": r.stderr.strip()}], "hint": None}


def chat(base, messages, tools, temperature, seed):
    body = json.dumps({"model": "local", "messages": messages, "tools": tools, "tool_choice": "auto",
                       "temperature": temperature, "seed": seed, "max_tokens": 400}).encode()
    request = urllib.request.Request(base.rstrip("/") + "/chat/completions", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.time()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            reply = json.loads(response.read())
    except urllib.error.HTTPError as e:
        return {"error": f"HTTP {e.code}: {e.read()[:200].decode(errors='replace')}"}, time.time() - started
    return reply, time.time() - started


def first_call(reply):
    try:
        message = reply["choices"][0]["message"]
    except (KeyError, IndexError, TypeError):
        return None, None
    calls = message.get("tool_calls") or []
    return message, (calls[0] if calls else None)


def baseline(errors):
    lines = [f"{e.get('path') or '(root)'}: {e.get('message')}" for e in errors]
    return "Validation Error found:\n" + "\n".join(lines) + "\nRecall the function correctly, fix the errors"


def main():
    base = os.environ.get("MODEL_BASE_URL")
    if not base:
        print("MODEL_BASE_URL is not set: start a server (../shared/model/start.sh) and export it; "
              "the study needs a live model.", file=sys.stderr)
        return 2
    if not os.path.exists(CLI):
        print(f"no toolschema binary at {CLI}: swift build -c release (or set TOOLSCHEMA)", file=sys.stderr)
        return 2
    temperature = arg("--temperature", 1.0)
    seed = arg("--seed", 7)
    limit = arg("--limit", 0)
    # The model the server says it serves (llama-server's /props), else $MODEL.
    model = os.environ.get("MODEL", "qwen2.5-coder-1.5b")
    try:
        with urllib.request.urlopen(base.rstrip("/").removesuffix("/v1") + "/props", timeout=10) as r:
            props = json.loads(r.read())
        server = props.get("build_info") or props.get("model_path", "llama-server")
        model = props.get("model_alias") or model
    except Exception:
        server = "llama-server"
    stamp = datetime.date.today().isoformat()
    out_path = arg("--out", os.path.join(HERE, f"records-{model}-{stamp}.jsonl"))
    tools_by_spec = {}
    all_tasks = task_set.tasks()
    if limit:
        all_tasks = all_tasks[:limit]
    counts = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    records = open(out_path, "w", encoding="utf-8")
    for n, task in enumerate(all_tasks):
        tools = []
        for spec in task["specs"]:
            if spec not in tools_by_spec:
                tools_by_spec[spec] = derive(spec)
            tools += tools_by_spec[spec]
        messages = [{"role": "user", "content": task["prompt"]}]
        reply, seconds = chat(base, messages, tools, temperature, seed + n)
        message, call = first_call(reply)
        record = {"task": task["id"], "prompt": task["prompt"], "intended": task["intended"], "seconds": round(seconds, 1)}
        if call is None:
            outcome = "no call" if "error" not in reply else "server error"
            record.update(outcome=outcome, reply=reply if "error" in reply else (message or {}).get("content"))
            counts[outcome] += 1
            records.write(json.dumps(record, ensure_ascii=False) + "\n")
            print(f"{n + 1:3} {task['id']}: {outcome}", file=sys.stderr)
            continue
        name = call["function"]["name"]
        arguments = call["function"].get("arguments") or ""
        record.update(tool=name, arguments=arguments)
        if name != task["intended"]["name"]:
            counts["wrong tool"] += 1
            record["outcome"] = "wrong tool"
            records.write(json.dumps(record, ensure_ascii=False) + "\n")
            print(f"{n + 1:3} {task['id']}: wrong tool {name}", file=sys.stderr)
            continue
        spec = task["spec_of"][name]
        strict = check(spec, name, arguments, "strict")
        if strict["valid"]:
            counts["valid"] += 1
            record["outcome"] = "valid"
        else:
            repaired = check(spec, name, arguments, "repair")
            if repaired["valid"]:
                counts["valid after repair and coercion"] += 1
                record["outcome"] = "repaired"
                record["repairs"] = repaired.get("repairs")
            else:
                counts["invalid"] += 1
                kind = (repaired.get("errors") or [{}])[0].get("keyword", "?")
                record.update(outcome="invalid", kind=kind, errors=repaired.get("errors"), hint=repaired.get("hint"))
                assistant = {"role": "assistant", "content": message.get("content") or "",
                             "tool_calls": [{"id": call.get("id", "call_0"), "type": "function",
                                             "function": {"name": name, "arguments": arguments}}]}
                for label, text in [("hint", repaired.get("hint") or ""), ("baseline", baseline(repaired.get("errors") or []))]:
                    retry = messages + [assistant, {"role": "tool", "tool_call_id": call.get("id", "call_0"), "content": text}]
                    again, seconds2 = chat(base, retry, tools, temperature, seed + n)
                    _, call2 = first_call(again)
                    ok = False
                    if call2 is not None and call2["function"]["name"] == name:
                        second = check(spec, name, call2["function"].get("arguments") or "", "repair")
                        ok = second["valid"]
                        record[label] = {"arguments": call2["function"].get("arguments"), "valid": ok,
                                         "seconds": round(seconds2, 1)}
                    else:
                        record[label] = {"arguments": None, "valid": False, "seconds": round(seconds2, 1),
                                         "reply": (again.get("choices") or [{}])[0].get("message", {}).get("content")
                                         if "error" not in again else again["error"]}
                    by_kind[kind][label] += int(ok)
                by_kind[kind]["calls"] += 1
        records.write(json.dumps(record, ensure_ascii=False) + "\n")
        records.flush()
        print(f"{n + 1:3} {task['id']}: {record['outcome']}", file=sys.stderr)
    records.close()
    total = len(all_tasks)
    invalid = counts["invalid"]
    hint_ok = sum(k["hint"] for k in by_kind.values())
    base_ok = sum(k["baseline"] for k in by_kind.values())
    print(f"Model {model}, {server}, temperature {temperature}, seeds {seed}..{seed + total - 1}, {stamp}; "
          f"{total} tasks; records in {out_path}\n")
    print("| first calls | count |\n|---|---:|")
    for key in ["valid", "valid after repair and coercion", "invalid", "wrong tool", "no call", "server error"]:
        print(f"| {key} | {counts[key]} |")
    print(f"\n| invalid first calls, by first error | calls | valid after ToolSchema's hint | valid after the baseline |\n|---|---:|---:|---:|")
    for kind, c in sorted(by_kind.items(), key=lambda kv: -kv[1]["calls"]):
        print(f"| {kind} | {c['calls']} | {c['hint']} | {c['baseline']} |")
    print(f"| all | {invalid} | {hint_ok} | {base_ok} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
