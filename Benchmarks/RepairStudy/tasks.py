"""The repair study's fixed tasks: prompts over the tools in schemas/, each with the call it
intends. Built from templates so the set is varied and reproducible (no randomness): plain
strings and enums, dates and date-times, bounded integers, booleans, arrays of strings and of
objects, nested objects, a oneOf-like payment, a no-argument tool, English and Chinese, and a
second tool offered beside the intended one so the model must choose."""

SPEC = {
    "get_weather": "get_weather.json",
    "get_current_weather": "get_current_weather.yaml",
    "get_current_time": "get_current_time.json",
    "book_ticket": "book_ticket.yaml",
    "create_order": "create_order.json",
    "search_documents": "search_documents.yaml",
    "create_event": "create_event.json",
}
# The tool offered beside each intended one.
DISTRACTOR = {
    "get_weather": "get_current_time", "get_current_weather": "search_documents",
    "get_current_time": "get_weather", "book_ticket": "get_weather", "create_order": "search_documents",
    "search_documents": "get_current_time", "create_event": "get_current_time",
}


def task(tid, tool, prompt, arguments):
    tools = [tool, DISTRACTOR[tool]]
    return {"id": tid, "prompt": prompt, "specs": [SPEC[t] for t in tools], "spec_of": {t: SPEC[t] for t in tools},
            "intended": {"name": tool, "arguments": arguments}}


def tasks():
    out = []
    weather = [("Beijing", "celsius"), ("Shanghai", None), ("New York", "fahrenheit"), ("Paris", "celsius"),
               ("Tokyo", None), ("Chicago", "fahrenheit"), ("Sydney", "celsius"), ("London", None)]
    for k, (city, unit) in enumerate(weather):
        prompt = f"What's the weather like in {city} right now?" + (f" Give it in {unit}." if unit else "")
        out.append(task(f"weather-en-{k}", "get_weather", prompt, {"city": city, **({"unit": unit} if unit else {})}))
    for k, (city, unit) in enumerate([("北京", "celsius"), ("上海", None), ("广州", "celsius"), ("成都", "fahrenheit")]):
        prompt = f"{city}现在天气怎么样？" + ("用摄氏度。" if unit == "celsius" else "用华氏度。" if unit else "")
        out.append(task(f"weather-zh-{k}", "get_weather", prompt, {"city": city, **({"unit": unit} if unit else {})}))
    for k, (place, fmt) in enumerate([("Hangzhou", "celsius"), ("Boston", "fahrenheit"), ("深圳", "celsius"),
                                      ("Denver", "fahrenheit"), ("Berlin", "celsius"), ("Miami", "fahrenheit")]):
        prompt = f"Tell me the current temperature in {place}, in {fmt}."
        out.append(task(f"current-weather-{k}", "get_current_weather", prompt, {"location": place, "format": fmt}))
    for k, prompt in enumerate(["What time is it?", "现在几点了？", "Can you tell me the current time, please?",
                                "I need to know the time right now.", "现在是什么时间？"]):
        out.append(task(f"time-{k}", "get_current_time", prompt, {}))
    trips = [("上海虹桥", "北京南", "2026-12-24", "second", ["张伟", "李娜"], False),
             ("Beijing South", "Tianjin", "2026-12-20", "first", ["Li Lei"], False),
             ("广州南", "深圳北", "2027-01-03", "business", ["王芳"], True),
             ("Hangzhou East", "Shanghai Hongqiao", "2026-12-31", "second", ["Tom Lee", "Ann Lee", "Bo Lee"], False),
             ("南京南", "武汉", "2027-02-14", "second", ["陈静", "刘洋"], True),
             ("Chengdu East", "Chongqing North", "2027-01-15", "first", ["Zhang Wei"], False),
             ("西安北", "郑州东", "2027-03-01", "second", ["赵磊"], False),
             ("Xiamen North", "Fuzhou South", "2027-04-10", "business", ["Mei Lin", "Jun Lin"], False)]
    for k, (a, b, date, seat, names, back) in enumerate(trips):
        who = " and ".join(names)
        if k % 2 == 0:
            prompt = (f"Book {len(names)} {seat}-class train ticket{'s' if len(names) > 1 else ''} from {a} to {b} on {date} "
                      f"for {who}" + (", and book the return trip too." if back else "."))
        else:
            prompt = (f"帮我订{date}从{a}到{b}的火车票，{len(names)}位乘客：{'、'.join(names)}，座位{seat}"
                      + ("，同时订返程。" if back else "。"))
        arguments = {"from": a, "to": b, "date": date, "seat_class": seat, "passengers": len(names),
                     "passenger_names": names, **({"return_trip": True} if back else {})}
        out.append(task(f"ticket-{k}", "book_ticket", prompt, arguments))
    orders = [([("SKU-1042", 2, "red", True)], ("88 Century Avenue", "Shanghai", "200120", "CN"), ("card", "4242"), "express"),
              ([("SKU-2001", 1, None, None), ("SKU-3300", 3, "blue", None)], ("1 Chang'an Street", "Beijing", "100006", "CN"),
               ("balance", None), "standard"),
              ([("SKU-5555", 10, "green", False)], ("200 Nanjing Road", "Shanghai", "200001", "CN"), ("card", "1881"), None),
              ([("SKU-7777", 1, None, True)], ("9 Tianhe Road", "Guangzhou", "510620", "CN"), ("balance", None), "express"),
              ([("SKU-1234", 4, "red", None), ("SKU-4321", 2, None, None)], ("5 West Lake Avenue", "Hangzhou", "310002", "CN"),
               ("card", "0007"), "standard"),
              ([("SKU-9090", 1, "blue", True)], ("77 Jiefang Road", "Wuhan", "430010", "CN"), ("card", "5150"), None)]
    for k, (lines, (street, city, code, country), (method, last4), priority) in enumerate(orders):
        items, words = [], []
        for sku, qty, color, gift in lines:
            item = {"sku": sku, "quantity": qty}
            options = {}
            if color:
                options["color"] = color
            if gift is not None:
                options["gift_wrap"] = gift
            if options:
                item["options"] = options
            items.append(item)
            words.append(f"{qty} of {sku}" + (f" in {color}" if color else "") + (", gift-wrapped" if gift else ""))
        pay = f"pay by card ending {last4}" if method == "card" else "pay from my account balance"
        prompt = (f"Place an order for {', '.join(words)}; ship to {street}, {city} {code}, {country}; {pay}"
                  + (f"; {priority} delivery." if priority else "."))
        payment = {"method": method, **({"last4": last4} if last4 else {})}
        arguments = {"items": items, "shipping_address": {"street": street, "city": city, "postal_code": code,
                                                          "country": country}, "payment": payment,
                     **({"priority": priority} if priority else {})}
        out.append(task(f"order-{k}", "create_order", prompt, arguments))
    searches = [("refund policy", ["faq"], 5, None), ("退款政策", None, None, None), ("onboarding checklist", ["hr", "new-hire"], 10, None),
                ("API rate limits", ["api"], 3, "2026-06-01T00:00:00Z"), ("发票开具流程", ["财务"], 20, None),
                ("VPN setup", None, 1, "2026-01-01T00:00:00Z"), ("holiday calendar", ["hr"], None, None),
                ("数据备份策略", None, 8, "2026-09-30T12:00:00+08:00"), ("password reset", ["it", "faq"], None, None),
                ("travel reimbursement", ["finance"], 15, None)]
    for k, (query, tags, limit, after) in enumerate(searches):
        prompt = f"Search the knowledge base for \"{query}\""
        if tags:
            prompt += " tagged " + " and ".join(tags)
        if after:
            prompt += f", only documents updated after {after}"
        if limit:
            prompt += f", at most {limit} results"
        arguments = {"query": query, **({"tags": tags} if tags else {}), **({"limit": limit} if limit else {}),
                     **({"updated_after": after} if after else {})}
        out.append(task(f"search-{k}", "search_documents", prompt + ".", arguments))
    events = [("Quarterly review", "2026-12-15T09:30:00+08:00", 60, "high", [("li.na@example.com", "Li Na")]),
              ("季度复盘", "2026-12-18T14:00:00+08:00", 90, None, [("zhang.wei@example.com", "张伟"), ("chen.jing@example.com", None)]),
              ("Design sync", "2027-01-05T10:00:00Z", 30, "low", [("ann@example.com", "Ann"), ("bo@example.com", "Bo")]),
              ("1:1 with Tom", "2027-01-06T16:30:00-05:00", 25, None, [("tom@example.com", "Tom")]),
              ("Launch planning", "2027-02-01T13:00:00+01:00", 120, "high", [("mei@example.com", None)]),
              ("团队午餐", "2027-01-20T12:00:00+08:00", 60, "low", [("wang.fang@example.com", "王芳"), ("liu.yang@example.com", "刘洋")]),
              ("Budget check-in", "2027-03-03T08:00:00Z", 45, None, [("cfo@example.com", None)])]
    for k, (title, start, minutes, priority, people) in enumerate(events):
        invitees = ", ".join(f"{n} <{e}>" if n else e for e, n in people)
        prompt = (f"Create a calendar event \"{title}\" starting {start} for {minutes} minutes, inviting {invitees}"
                  + (f"; priority {priority}." if priority else "."))
        arguments = {"title": title, "start": start, "duration_minutes": minutes,
                     "attendees": [{"email": e, **({"name": n} if n else {})} for e, n in people],
                     **({"priority": priority} if priority else {})}
        out.append(task(f"event-{k}", "create_event", prompt, arguments))
    # Vaguer phrasings, where small models invent or rename parameters.
    extra = [
        ("get_weather", "Is it raining in Hong Kong? Use metric units.", {"city": "Hong Kong", "unit": "celsius"}),
        ("get_weather", "Weather report for Seattle in Fahrenheit, please.", {"city": "Seattle", "unit": "fahrenheit"}),
        ("get_weather", "查一下杭州的天气。", {"city": "杭州"}),
        ("get_weather", "How hot is it in Dubai today?", {"city": "Dubai"}),
        ("get_current_weather", "Weather in Kyoto? I'm in Japan so metric.", {"location": "Kyoto", "format": "celsius"}),
        ("get_current_weather", "Austin, Texas weather please.", {"location": "Austin, Texas", "format": "fahrenheit"}),
        ("book_ticket", "I need one seat to Beijing South from Shanghai Hongqiao on 2026-12-28 for Wang Lei.",
         {"from": "Shanghai Hongqiao", "to": "Beijing South", "date": "2026-12-28", "passengers": 1,
          "passenger_names": ["Wang Lei"]}),
        ("book_ticket", "Two tickets Suzhou to Nanjing, January 2 2027, for Amy and Ben Wu, return too.",
         {"from": "Suzhou", "to": "Nanjing", "date": "2027-01-02", "passengers": 2, "passenger_names": ["Amy Wu", "Ben Wu"],
          "return_trip": True}),
        ("search_documents", "Find docs about SSO login errors.", {"query": "SSO login errors"}),
        ("search_documents", "找一下关于年假规定的文档，最多3条。", {"query": "年假规定", "limit": 3}),
        ("create_event", "Schedule a 15 minute standup called Standup at 2027-01-04T09:00:00+08:00 with dev@example.com.",
         {"title": "Standup", "start": "2027-01-04T09:00:00+08:00", "duration_minutes": 15,
          "attendees": [{"email": "dev@example.com"}]}),
        ("create_order", "Order 5 of SKU-6060 to 3 Binhai Road, Tianjin 300450, CN, pay with balance.",
         {"items": [{"sku": "SKU-6060", "quantity": 5}],
          "shipping_address": {"street": "3 Binhai Road", "city": "Tianjin", "postal_code": "300450", "country": "CN"},
          "payment": {"method": "balance"}}),
    ]
    for k, (tool, prompt, arguments) in enumerate(extra):
        out.append(task(f"vague-{k}", tool, prompt, arguments))
    # More of each shape, phrased another way.
    for k, city in enumerate(["Singapore", "Mumbai", "Toronto", "Cairo", "Lima", "Oslo", "重庆", "西安", "Nairobi", "Madrid"]):
        unit = ["celsius", "fahrenheit", None][k % 3]
        prompt = f"Do I need a coat in {city}? Check the weather" + (f" in {unit}." if unit else ".")
        out.append(task(f"weather-more-{k}", "get_weather", prompt, {"city": city, **({"unit": unit} if unit else {})}))
    for k, (a, b, date, n) in enumerate([("Qingdao North", "Jinan West", "2027-01-08", 1), ("长沙南", "广州南", "2027-01-09", 2),
                                         ("Harbin West", "Changchun", "2027-01-10", 3), ("昆明南", "贵阳北", "2027-01-11", 1),
                                         ("Nanning East", "Guilin North", "2027-01-12", 2), ("合肥南", "南京南", "2027-01-13", 1)]):
        names = [["Liu Bei"], ["关羽", "张飞"], ["Sun Quan", "Zhou Yu", "Lu Su"], ["诸葛亮"], ["Ma Chao", "Huang Zhong"], ["赵云"]][k]
        prompt = f"{n} passenger{'s' if n > 1 else ''} ({', '.join(names)}), {a} → {b}, {date}, any seat."
        out.append(task(f"ticket-more-{k}", "book_ticket", prompt,
                        {"from": a, "to": b, "date": date, "passengers": n, "passenger_names": names}))
    for k, (query, limit) in enumerate([("expense report template", 5), ("服务器监控告警", None), ("security training", 2),
                                        ("客户投诉处理", 10), ("release notes 2026", None), ("coding guidelines", 7)]):
        prompt = f"Look up \"{query}\" in our docs" + (f", {limit} results max." if limit else ".")
        out.append(task(f"search-more-{k}", "search_documents", prompt,
                        {"query": query, **({"limit": limit} if limit else {})}))
    for k, (title, start, minutes, email) in enumerate([("Retro", "2027-01-07T15:00:00+08:00", 45, "team@example.com"),
                                                       ("面试", "2027-01-08T10:00:00+08:00", 60, "hr@example.com"),
                                                       ("Vendor call", "2027-01-09T17:00:00Z", 30, "vendor@example.com"),
                                                       ("Board prep", "2027-01-12T08:30:00-08:00", 90, "ceo@example.com")]):
        prompt = f"Put \"{title}\" on the calendar at {start}, {minutes} minutes, and invite {email}."
        out.append(task(f"event-more-{k}", "create_event", prompt,
                        {"title": title, "start": start, "duration_minutes": minutes, "attendees": [{"email": email}]}))
    for k, (sku, qty, city, code) in enumerate([("SKU-1111", 2, "Suzhou", "215000"), ("SKU-2222", 1, "Xiamen", "361000"),
                                                ("SKU-3333", 6, "Qingdao", "266000"), ("SKU-4444", 3, "Dalian", "116000")]):
        prompt = f"Buy {qty} × {sku}, deliver to 10 Main Road, {city} {code}, China (CN), card ending 9{k}21, standard delivery."
        out.append(task(f"order-more-{k}", "create_order", prompt,
                        {"items": [{"sku": sku, "quantity": qty}],
                         "shipping_address": {"street": "10 Main Road", "city": city, "postal_code": code, "country": "CN"},
                         "payment": {"method": "card", "last4": f"9{k}21"}, "priority": "standard"}))
    for k, prompt in enumerate(["Time check?", "几点钟了？", "What's the time now in UTC?", "Current time please."]):
        out.append(task(f"time-more-{k}", "get_current_time", prompt, {}))
    return out


if __name__ == "__main__":
    import json
    all_tasks = tasks()
    print(len(all_tasks), "tasks")
    print(json.dumps(all_tasks[0], ensure_ascii=False))
