#!/usr/bin/env python3
"""Writes corpus.jsonl: realistic bad tool calls for the specs in schemas/, each with the facts
its hint must contain. Run from the package root; the output is committed, so tests do not
need Python. Each line: {"spec", "tool", "mode", "arguments", "contains", "category"}."""
import json, copy

calls = {
    "get_weather.json": ("get_weather", {"city": "北京", "unit": "celsius"}),
    "get_weather.anthropic.yaml": ("get_weather", {"location": "San Francisco, CA", "unit": "fahrenheit"}),
    "get_current_weather.yaml": ("get_current_weather", {"location": "杭州", "format": "celsius"}),
    "get_current_time.json": ("get_current_time", {}),
    "book_ticket.yaml": ("book_ticket", {"from": "上海虹桥", "to": "北京南", "date": "2026-12-24", "seat_class": "second",
                                          "passengers": 2, "passenger_names": ["张伟", "李娜"], "return_trip": False}),
    "create_order.json": ("create_order", {
        "items": [{"sku": "SKU-1042", "quantity": 2, "options": {"color": "red", "gift_wrap": True}}],
        "shipping_address": {"street": "88 Century Avenue", "city": "Shanghai", "postal_code": "200120", "country": "CN"},
        "payment": {"method": "card", "last4": "4242"}, "priority": "express"}),
    "search_documents.yaml": ("search_documents", {"query": "退款政策", "tags": ["faq"], "limit": 10,
                                                    "updated_after": "2026-01-01T00:00:00Z"}),
    # Pydantic's shape: properties reached through $ref into $defs.
    "create_event.json": ("create_event", {"title": "季度复盘", "start": "2026-12-15T09:30:00+08:00", "duration_minutes": 60,
                                            "priority": "high", "attendees": [{"email": "li.na@example.com", "name": "李娜"}]}),
}
records = []

def add(spec, category, args, contains, mode="strict", text=None):
    tool = calls[spec][0]
    records.append({"spec": spec, "tool": tool, "mode": mode, "category": category,
                    "arguments": text if text is not None else json.dumps(args, ensure_ascii=False), "contains": contains})

def mutate(spec, path, value):
    args = copy.deepcopy(calls[spec][1])
    target = args
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return args

DELETE = object()

def rename(spec, path, new):
    args = copy.deepcopy(calls[spec][1])
    target = args
    for key in path[:-1]:
        target = target[key]
    items = list(target.items())
    target.clear()
    for k, v in items:
        target[new if k == path[-1] else k] = v
    return args

# Stringified numbers and booleans.
for spec, path, value, want in [
    ("book_ticket.yaml", ["passengers"], "2", ["passengers", "send 2"]),
    ("book_ticket.yaml", ["passengers"], " 3 ", ["passengers", "send 3"]),
    ("book_ticket.yaml", ["return_trip"], "false", ["return_trip", "send false"]),
    ("book_ticket.yaml", ["return_trip"], "True", ["return_trip", "send true"]),
    ("search_documents.yaml", ["limit"], "10", ["limit", "send 10"]),
    ("search_documents.yaml", ["limit"], "25", ["limit", "send 25"]),
    ("create_order.json", ["items", 0, "quantity"], "2", ["quantity", "send 2"]),
    ("create_order.json", ["items", 0, "options", "gift_wrap"], "true", ["gift_wrap", "send true"]),
    ("create_order.json", ["items", 0, "options", "gift_wrap"], "FALSE", ["gift_wrap", "send false"]),
    ("get_weather.json", ["city"], 123, ["city", "send \"123\""]),
    ("search_documents.yaml", ["query"], 42, ["query", "send \"42\""]),
    ("create_order.json", ["shipping_address", "postal_code"], 200120, ["postal_code", "send \"200120\""]),
]:
    add(spec, "stringified", mutate(spec, path, value), want)

# Wrong enum case and enum typos.
for spec, path, value, want in [
    ("get_weather.json", ["unit"], "Celsius", ["unit", "\"celsius\""]),
    ("get_weather.json", ["unit"], "CELSIUS", ["unit", "\"celsius\""]),
    ("get_weather.json", ["unit"], "celcius", ["unit", "did you mean \"celsius\""]),
    ("get_weather.json", ["unit"], "farenheit", ["unit", "did you mean \"fahrenheit\""]),
    ("get_weather.json", ["unit"], "Fahrenheit", ["unit", "\"fahrenheit\""]),
    ("get_weather.anthropic.yaml", ["unit"], "Celsius", ["unit", "\"celsius\""]),
    ("get_weather.anthropic.yaml", ["unit"], "fahrenhiet", ["unit", "\"fahrenheit\""]),
    ("get_current_weather.yaml", ["format"], "Celsius", ["format", "\"celsius\""]),
    ("get_current_weather.yaml", ["format"], "farenheit", ["format", "\"fahrenheit\""]),
    ("book_ticket.yaml", ["seat_class"], "Second", ["seat_class", "\"second\""]),
    ("book_ticket.yaml", ["seat_class"], "bussiness", ["seat_class", "\"business\""]),
    ("book_ticket.yaml", ["seat_class"], "FIRST", ["seat_class", "\"first\""]),
    ("create_order.json", ["priority"], "Express", ["priority", "\"express\""]),
    ("create_order.json", ["priority"], "standrd", ["priority", "\"standard\""]),
    ("create_order.json", ["items", 0, "options", "color"], "Red", ["color", "\"red\""]),
    ("create_order.json", ["items", 0, "options", "color"], "bleu", ["color", "\"blue\""]),
    ("get_weather.json", ["unit"], "kelvin", ["unit", "\"celsius\"", "\"fahrenheit\""]),
    ("book_ticket.yaml", ["seat_class"], "economy", ["seat_class", "\"business\"", "\"second\""]),
    ("create_order.json", ["priority"], "overnight", ["priority", "\"standard\"", "\"express\""]),
]:
    add(spec, "enum", mutate(spec, path, value), want)

# Misspelled and wrongly cased parameter names.
for spec, path, new, want in [
    ("get_weather.json", ["city"], "citty", ["`citty`", "`city`", "Rename"]),
    ("get_weather.json", ["city"], "City", ["`City`", "`city`", "Rename"]),
    ("get_weather.json", ["city"], "ciy", ["`ciy`", "`city`"]),
    ("get_weather.json", ["unit"], "units", ["`units`", "`unit`"]),
    ("get_weather.json", ["unit"], "Unit", ["`Unit`", "`unit`"]),
    ("book_ticket.yaml", ["passengers"], "passenger", ["`passenger`", "`passengers`"]),
    ("book_ticket.yaml", ["passenger_names"], "passenger_name", ["`passenger_name`", "`passenger_names`"]),
    ("book_ticket.yaml", ["passenger_names"], "passengerNames", ["`passengerNames`", "`passenger_names`"]),
    ("book_ticket.yaml", ["seat_class"], "seatClass", ["`seatClass`", "`seat_class`"]),
    ("book_ticket.yaml", ["return_trip"], "returnTrip", ["`returnTrip`", "`return_trip`"]),
    ("book_ticket.yaml", ["date"], "Date", ["`Date`", "`date`"]),
    ("book_ticket.yaml", ["from"], "From", ["`From`", "`from`"]),
    ("create_order.json", ["shipping_address"], "shippingAddress", ["`shippingAddress`", "`shipping_address`"]),
    ("create_order.json", ["shipping_address"], "shipping_adress", ["`shipping_adress`", "`shipping_address`"]),
    ("create_order.json", ["items", 0, "quantity"], "qty", ["quantity"]),
    ("create_order.json", ["items", 0, "sku"], "SKU", ["`SKU`", "`sku`"]),
    ("create_order.json", ["shipping_address", "postal_code"], "postalCode", ["`postalCode`", "`postal_code`"]),
    ("create_order.json", ["shipping_address", "country"], "Country", ["`Country`", "`country`"]),
    ("create_order.json", ["priority"], "prority", ["`prority`", "`priority`"]),
]:
    add(spec, "name", rename(spec, path, new), want)

# Invented parameters (where extra properties are not allowed).
for spec, name, value, want in [
    ("get_weather.json", "country", "CN", ["`country`", "remove"]),
    ("get_weather.json", "days", 3, ["`days`", "remove"]),
    ("get_weather.json", "language", "zh", ["`language`", "remove"]),
    ("book_ticket.yaml", "train_number", "G1", ["`train_number`", "remove"]),
    ("book_ticket.yaml", "price", 553.5, ["`price`", "remove"]),
    ("book_ticket.yaml", "window_seat", True, ["`window_seat`", "remove"]),
    ("create_order.json", "coupon", "SAVE10", ["`coupon`", "remove"]),
    ("create_order.json", "currency", "CNY", ["`currency`", "remove"]),
]:
    args = copy.deepcopy(calls[spec][1]); args[name] = value
    add(spec, "invented", args, want)

# Missing required parameters.
for spec, path, want in [
    ("get_weather.json", ["city"], ["`city`", "missing", "a string", "The city"]),
    ("get_weather.anthropic.yaml", ["location"], ["`location`", "missing", "a string"]),
    ("get_current_weather.yaml", ["location"], ["`location`", "missing"]),
    ("get_current_weather.yaml", ["format"], ["`format`", "missing", "\"celsius\""]),
    ("book_ticket.yaml", ["from"], ["`from`", "missing"]),
    ("book_ticket.yaml", ["to"], ["`to`", "missing"]),
    ("book_ticket.yaml", ["date"], ["`date`", "missing"]),
    ("book_ticket.yaml", ["passengers"], ["`passengers`", "missing", "an integer"]),
    ("book_ticket.yaml", ["passenger_names"], ["`passenger_names`", "missing", "an array"]),
    ("create_order.json", ["items"], ["`items`", "missing", "an array"]),
    ("create_order.json", ["payment"], ["`payment`", "missing"]),
    ("create_order.json", ["shipping_address"], ["`shipping_address`", "missing", "an object"]),
    ("create_order.json", ["shipping_address", "city"], ["`city`", "/shipping_address/city", "missing"]),
    ("create_order.json", ["items", 0, "sku"], ["`sku`", "/items/0/sku", "missing"]),
    ("search_documents.yaml", ["query"], ["`query`", "missing", "a string"]),
]:
    add(spec, "missing", mutate(spec, path, DELETE), want)

# Wrong nesting.
order = calls["create_order.json"][1]
flat = copy.deepcopy(order); addr = flat.pop("shipping_address"); flat.update(addr)
add("create_order.json", "nesting", flat, ["`shipping_address`", "`street`", "move"])
add("create_order.json", "nesting", mutate("create_order.json", ["items"], order["items"][0]), ["items", "send [{"])
add("create_order.json", "nesting", mutate("create_order.json", ["items", 0, "options"], "red"), ["options", "an object"])
add("create_order.json", "nesting", mutate("create_order.json", ["payment"], "card"), ["payment"])
wrapped = {"arguments": calls["get_weather.json"][1]}
add("get_weather.json", "nesting", wrapped, ["`arguments`", "wrapped", "send the object inside it"])
add("book_ticket.yaml", "nesting", {"ticket": calls["book_ticket.yaml"][1]}, ["`ticket`", "wrapped"])
add("search_documents.yaml", "nesting", {"params": {"query": "x"}}, ["`params`", "wrapped"])
add("search_documents.yaml", "nesting", {"params": {"tags": ["faq"]}}, ["`query`", "missing"])

# Arrays as comma-separated strings, objects as JSON strings.
for spec, path, value, want in [
    ("book_ticket.yaml", ["passenger_names"], "张伟, 李娜", ["passenger_names", "send [\"张伟\",\"李娜\"]"]),
    ("book_ticket.yaml", ["passenger_names"], "张伟,李娜,王芳", ["passenger_names", "\"王芳\""]),
    ("search_documents.yaml", ["tags"], "faq, refund", ["tags", "send [\"faq\",\"refund\"]"]),
    ("search_documents.yaml", ["tags"], "[\"faq\", \"refund\"]", ["tags", "send [\"faq\",\"refund\"]"]),
    ("create_order.json", ["items", 0, "options"], "{\"color\": \"red\"}", ["options", "send {\"color\":\"red\"}"]),
    ("create_order.json", ["shipping_address"], json.dumps(order["shipping_address"]), ["shipping_address", "send {"]),
    ("create_order.json", ["payment"], json.dumps(order["payment"]), ["payment", "send {"]),
    ("create_order.json", ["items"], json.dumps(order["items"]), ["items", "send [{"]),
]:
    add(spec, "encoded", mutate(spec, path, value), want)

# Bounds, formats, patterns: the model must choose.
for spec, path, value, want in [
    ("book_ticket.yaml", ["passengers"], 12, ["passengers", "at most 9"]),
    ("book_ticket.yaml", ["passengers"], 0, ["passengers", "at least 1"]),
    ("book_ticket.yaml", ["passenger_names"], [], ["passenger_names", "at least 1 items"]),
    ("search_documents.yaml", ["limit"], 0, ["limit", "at least 1"]),
    ("search_documents.yaml", ["limit"], 500, ["limit", "at most 50"]),
    ("search_documents.yaml", ["query"], "", ["query", "at least 1 characters"]),
    ("search_documents.yaml", ["tags"], ["faq", "faq"], ["tags", "unique"]),
    ("create_order.json", ["items", 0, "quantity"], 0, ["quantity", "at least 1"]),
    ("create_order.json", ["items", 0, "quantity"], 1000, ["quantity", "at most 100"]),
    ("create_order.json", ["shipping_address", "country"], "CHN", ["country", "at most 2 characters"]),
    ("create_order.json", ["items"], [], ["items", "at least 1 items"]),
    ("book_ticket.yaml", ["date"], "2026/12/24", ["date", "YYYY-MM-DD"]),
    ("book_ticket.yaml", ["date"], "next Friday", ["date", "YYYY-MM-DD"]),
    ("book_ticket.yaml", ["date"], "2026-02-30", ["date", "YYYY-MM-DD"]),
    ("search_documents.yaml", ["updated_after"], "yesterday", ["updated_after", "date-time"]),
    ("search_documents.yaml", ["updated_after"], "2026-01-01", ["updated_after", "date-time"]),
    ("create_order.json", ["items", 0, "sku"], "1042", ["sku", "SKU-"]),
    ("create_order.json", ["shipping_address", "postal_code"], "20012", ["postal_code", "[0-9]{6}"]),
    ("create_order.json", ["payment", "last4"], "42", ["last4"]),
    ("book_ticket.yaml", ["passengers"], "two", ["passengers", "an integer", "<an integer>"]),
    ("get_weather.json", ["city"], None, ["city", "a string"]),
    ("get_weather.json", ["city"], ["北京"], ["city", "a string"]),
    ("create_order.json", ["payment"], {"method": "cash"}, ["payment", "method"]),
    ("create_order.json", ["payment"], {"method": "card"}, ["last4", "missing"]),
]:
    add(spec, "bounds", mutate(spec, path, value), want)

# Several problems in one call, as models often send them.
def combo(spec, edits, want):
    args = copy.deepcopy(calls[spec][1])
    for kind, path, value in edits:
        target = args
        for key in path[:-1]:
            target = target[key]
        if kind == "set":
            target[path[-1]] = value
        elif kind == "rename":
            items = list(target.items()); target.clear()
            for k, v in items:
                target[value if k == path[-1] else k] = v
        elif kind == "drop":
            del target[path[-1]]
    add(spec, "combined", args, want)

combo("get_weather.json", [("rename", ["city"], "City"), ("set", ["unit"], "Celsius")], ["`City`", "`city`", "\"celsius\""])
combo("get_weather.json", [("rename", ["city"], "citty"), ("set", ["country"], "CN")], ["`citty`", "`country`", "remove"])
combo("book_ticket.yaml", [("set", ["passengers"], "2"), ("set", ["seat_class"], "Second")], ["send 2", "\"second\""])
combo("book_ticket.yaml", [("set", ["return_trip"], "no"), ("set", ["passengers"], "3")], ["return_trip", "send 3"])
combo("book_ticket.yaml", [("drop", ["date"], None), ("set", ["passengers"], 10)], ["`date`", "missing", "at most 9"])
combo("book_ticket.yaml", [("rename", ["seat_class"], "seatClass"), ("set", ["passenger_names"], "张伟, 李娜")], ["`seat_class`", "passenger_names"])
combo("book_ticket.yaml", [("set", ["date"], "24/12/2026"), ("set", ["train"], "G1")], ["YYYY-MM-DD", "`train`"])
combo("create_order.json", [("set", ["priority"], "fast"), ("set", ["items", 0, "quantity"], "2")], ["priority", "send 2"])
combo("create_order.json", [("rename", ["shipping_address"], "address"), ("set", ["coupon"], "X")], ["`address`", "`shipping_address`", "`coupon`"])
combo("create_order.json", [("set", ["items", 0, "sku"], "sku-1"), ("set", ["shipping_address", "country"], "China")], ["SKU-", "at most 2 characters"])
combo("create_order.json", [("set", ["items", 0, "options", "color"], "RED"), ("set", ["items", 0, "options", "gift_wrap"], "yes")], ["\"red\"", "gift_wrap"])
combo("search_documents.yaml", [("set", ["limit"], "20"), ("set", ["tags"], "a, b")], ["send 20", "send [\"a\",\"b\"]"])
combo("search_documents.yaml", [("drop", ["query"], None), ("set", ["limit"], 100)], ["`query`", "at most 50"])
combo("get_current_weather.yaml", [("set", ["format"], "C"), ("rename", ["location"], "loc")], ["format", "`location`"])
combo("get_weather.anthropic.yaml", [("drop", ["location"], None), ("set", ["unit"], "Kelvin")], ["`location`", "\"celsius\""])

# Places reached through $ref (Pydantic's $defs): the hint must see the referenced schema.
for spec, path, value, want in [
    ("create_event.json", ["priority"], "High", ["priority", "\"high\""]),
    ("create_event.json", ["priority"], "urgent", ["priority", "\"low\", \"normal\", \"high\""]),
    ("create_event.json", ["attendees", 0, "email"], 42, ["email", "expected a string", "<a string>"]),
    ("create_event.json", ["attendees", 0, "name"], 7, ["name", "send \"7\""]),
    ("create_event.json", ["attendees", 0, "email"], DELETE, ["email", "missing"]),
    ("create_event.json", ["duration_minutes"], "60", ["duration_minutes", "send 60"]),
    ("create_event.json", ["attendees"], {"email": "li.na@example.com"}, ["attendees", "send [{"]),
]:
    add(spec, "ref", mutate(spec, path, value), want)
add("create_event.json", "ref", rename("create_event.json", ["attendees", 0, "email"], "mail"),
    ["`mail`", "`email`"])

# Renames that need more than case and separators, each kind in its own category: a word
# added or dropped, singular for plural (with the conversion to an array the declared name
# wants), by value alone, several at once, and a name two parameters fit equally (a choice).
for spec, path, new, want in [
    ("book_ticket.yaml", ["to"], "to_station", ["`to_station`", "`to`"]),
    ("book_ticket.yaml", ["date"], "travel_date", ["`travel_date`", "`date`"]),
    ("book_ticket.yaml", ["date"], "departure_date", ["`departure_date`", "`date`"]),
    ("book_ticket.yaml", ["from"], "from_station", ["`from_station`", "`from`"]),
    ("get_weather.json", ["city"], "city_name", ["`city_name`", "`city`"]),
    ("get_weather.json", ["city"], "cityName", ["`cityName`", "`city`"]),
    ("create_order.json", ["shipping_address", "postal_code"], "postal", ["`postal`", "`postal_code`"]),
    ("create_order.json", ["priority"], "order_priority", ["`order_priority`", "`priority`"]),
]:
    add(spec, "affix", rename(spec, path, new), want)
for spec, path, new, value, want in [
    ("get_weather.json", ["unit"], "units", None, ["`units`", "`unit`"]),
    ("book_ticket.yaml", ["passenger_names"], "passenger_name", "李娜", ["`passenger_name`", "`passenger_names`", "as an array", "[\"李娜\"]"]),
    ("create_order.json", ["items"], "item", {"sku": "SKU-1042", "quantity": 2}, ["`item`", "`items`", "as an array"]),
]:
    args = rename(spec, path, new)
    if value is not None:
        args[new] = value
    add(spec, "plural", args, want)
for spec, path, new, want in [
    ("get_weather.json", ["city"], "location", ["`location`", "`city`", "fits"]),
    ("book_ticket.yaml", ["passengers"], "count", ["`count`", "`passengers`"]),
    ("get_current_weather.yaml", ["location"], "place", ["`place`", "`location`"]),
]:
    add(spec, "by-value", rename(spec, path, new), want)
args = rename("book_ticket.yaml", ["to"], "to_airport")
args = {("travel_date" if k == "date" else k): v for k, v in args.items()}
args["passenger_name"] = args.pop("passenger_names")[0]
add("book_ticket.yaml", "several", args, ["`to_airport`", "`to`", "`travel_date`", "`date`", "`passenger_names`", "as an array"])
args = rename("get_weather.json", ["city"], "cityName")
args = {("units" if k == "unit" else k): v for k, v in args.items()}
add("get_weather.json", "several", args, ["`cityName`", "`city`", "`units`", "`unit`"])
# "station" could be "from" or "to": the hint names both and lets the model choose.
args = {k: v for k, v in calls["book_ticket.yaml"][1].items() if k not in ("from", "to")}
args["station"] = "北京南"
add("book_ticket.yaml", "choice", args, ["`station`", "`from`", "`to`"])

# Parse-level failures, in repair mode.
for spec, (tool, args) in calls.items():
    text = json.dumps(args, ensure_ascii=False)
    if len(text) > 4:
        add(spec, "truncated", None, ["cut off", "complete call"], mode="repair", text=text[: max(3, len(text) * 2 // 3)])
        add(spec, "merged", None, ["one JSON object per call"], mode="repair", text=text + text)
    add(spec, "not-json", None, ["not JSON"], mode="repair", text="I will call " + tool + " for you.")
add("get_weather.json", "not-json", None, ["not valid JSON", "line 1"], mode="strict", text="{'city': '北京'}")
add("book_ticket.yaml", "not-json", None, ["not valid JSON"], mode="strict", text='{"from": "上海", "to": }')

# Unknown tools.
for name, want in [("get_wether", ["`get_wether`", "Did you mean `get_weather`"]), ("bookTicket", ["`bookTicket`", "`book_ticket`"]),
                   ("search_docs", ["`search_docs`", "`search_documents`"]), ("create-order", ["Did you mean `create_order`"]),
                   ("weather", ["`weather`", "`get_weather`"]), ("send_email", ["no tool named `send_email`", "`get_current_time`"])]:
    records.append({"spec": "", "tool": name, "mode": "strict", "category": "unknown-tool", "arguments": "{}", "contains": want})

with open("Tests/ToolSchemaTests/Fixtures/hints/corpus.jsonl", "w", encoding="utf-8") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(records), "records")
