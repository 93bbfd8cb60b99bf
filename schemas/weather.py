#!/usr/bin/env python3
"""A stand-in weather service for `toolschema chat`: reads the checked get_weather arguments
as JSON on stdin and prints a result. A made-up forecast, the same for the same city."""
import json
import sys

args = json.load(sys.stdin)
city = args["city"]
unit = args.get("unit", "celsius")
celsius = 12 + sum(city.encode("utf-8")) % 15
temperature = celsius if unit == "celsius" else round(celsius * 9 / 5 + 32)
print(json.dumps({"city": city, "temperature": temperature, "unit": unit, "conditions": "sunny"}, ensure_ascii=False))
