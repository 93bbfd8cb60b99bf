import JSONCore

/// Pairs the undeclared properties a model wrote with the declared ones it left out: by name
/// (case and separators, singular and plural, a name that adds or drops a word, a small edit,
/// an abbreviation) and by value (the written value validates where the declared name wants
/// it, as it is or wrapped in an array). The assignment runs over all pairs at once, strongest
/// first; a name that two candidates fit equally well is a choice for the model, never a guess.
package struct PropertyPairing {
    /// How a written name relates to a declared one, strongest first.
    package enum Relation: Int, Comparable {
        case folded, plural, affix, edit, abbreviation, synonym, valueOnly
        package static func < (a: Relation, b: Relation) -> Bool { a.rawValue < b.rawValue }
    }

    /// How the written value fits the declared property's schema: as it is, wrapped in an
    /// array, after a certain conversion (`"2"` for an integer), not known, or not at all.
    enum Fit: Int, Comparable {
        case asIs, wrapped, converted, unknown, no
        static func < (a: Fit, b: Fit) -> Bool { a.rawValue < b.rawValue }
    }

    struct Pair {
        var written: String
        var declared: String
        var relation: Relation
        var fit: Fit
        var declaredIsRequired: Bool
        var score: (Int, Int, Int) { (relation.rawValue, fit.rawValue, declaredIsRequired ? 0 : 1) }
    }

    /// The outcome for one object: certain renames, and names with several equally good
    /// candidates.
    struct Outcome {
        var renames: [Pair] = []
        var choices: [(written: String, candidates: [String])] = []
    }

    static func tokens(_ name: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previousWasLower = false
        for ch in name {
            if ch == "_" || ch == "-" || ch == " " || ch == "." {
                if !current.isEmpty { out.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if ch.isUppercase && previousWasLower {
                out.append(current)
                current = ""
            }
            current += ch.lowercased()
            previousWasLower = ch.isLowercase || ch.isNumber
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 3 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("es"), word.count > 3,
            ["s", "x", "z", "h"].contains(word.dropLast(2).last.map(String.init) ?? "")
        {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 2 { return String(word.dropLast()) }
        return word
    }

    /// How `written` relates to `declared`, or nil when the names are unrelated.
    package static func relation(_ written: String, _ declared: String) -> Relation? {
        let a = tokens(written)
        let b = tokens(declared)
        guard !a.isEmpty, !b.isEmpty else { return nil }
        if a.joined() == b.joined() { return .folded }
        if a.count == b.count, zip(a, b).allSatisfy({ singular($0) == singular($1) }) { return .plural }
        // One name is the other with words added before or after (`to_airport` for `to`,
        // `travel_date` for `date`, `name` for `city_name`).
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        if short.count < long.count, short.joined().count >= 2,
            long.starts(with: short) || long.reversed().starts(with: short.reversed())
        {
            return .affix
        }
        let x = a.joined()
        let y = b.joined()
        // A small edit, between names long enough for one letter not to be the whole name.
        if min(x.count, y.count) >= 3, TextMatching.editDistance(x, y) <= max(1, min(x.count, y.count) / 4) {
            return .edit
        }
        if HintAnalysis.abbreviates(x, y) { return .abbreviation }
        if synonyms.contains(where: { $0.contains(x) && $0.contains(y) }) { return .synonym }
        return nil
    }

    /// Names tools use for the same parameter (folded: lower case, no separators). A pair of
    /// them counts only when the value fits too, and below every spelling relation.
    static let synonyms: [Set<String>] = [
        [
            "limit", "max", "maxresults", "maxcount", "maxitems", "numresults", "count", "topk", "top", "n", "size",
            "pagesize",
        ],
        ["query", "q", "search", "searchterm", "searchtext", "keywords", "keyword", "term", "terms"],
        ["location", "city", "place", "where"],
        ["start", "from", "begin", "since", "after"],
        ["end", "to", "until", "till", "before"],
        ["from", "origin", "source", "src", "departure"],
        ["to", "destination", "dest", "target", "arrival"],
        ["email", "mail", "emailaddress"],
        ["language", "lang", "locale"],
        ["description", "desc", "details"],
        ["date", "day"],
    ]

    /// Pairs `written` (undeclared names with their values) with `candidates` (declared names
    /// the object lacks, required ones marked).
    static func pair(
        written: [(name: String, value: JSONValue)],
        candidates: [(name: String, required: Bool)],
        fit: (JSONValue, String) -> Fit
    ) -> Outcome {
        var pairs: [Pair] = []
        for w in written {
            for c in candidates {
                guard let relation = relation(w.name, c.name) else { continue }
                let f = fit(w.value, c.name)
                // Beyond case and separators, a pair must also fit by value.
                if relation != .folded && f == .no { continue }
                if relation == .abbreviation || relation == .synonym, f != .asIs && f != .converted && f != .wrapped {
                    continue
                }
                pairs.append(
                    Pair(written: w.name, declared: c.name, relation: relation, fit: f, declaredIsRequired: c.required)
                )
            }
        }
        pairs.sort { $0.score < $1.score }
        var outcome = Outcome()
        var usedWritten: Set<String> = []
        var usedDeclared: Set<String> = []
        for p in pairs where !usedWritten.contains(p.written) && !usedDeclared.contains(p.declared) {
            let open = pairs.filter {
                $0.score == p.score && !usedWritten.contains($0.written) && !usedDeclared.contains($0.declared)
            }
            let sameWritten = open.filter { $0.written == p.written }
            let sameDeclared = open.filter { $0.declared == p.declared }
            if sameWritten.count == 1 && sameDeclared.count == 1 {
                outcome.renames.append(p)
                usedWritten.insert(p.written)
                usedDeclared.insert(p.declared)
            } else if sameWritten.count > 1 {
                // Two declared names fit this one equally: the model chooses.
                outcome.choices.append((p.written, sameWritten.map(\.declared)))
                usedWritten.insert(p.written)
            } else {
                // Two written names fit one declared name equally: neither is renamed.
                for q in sameDeclared { usedWritten.insert(q.written) }
                usedDeclared.insert(p.declared)
            }
        }
        // By value alone: the names left and the required properties still missing, paired
        // where the values allow exactly one largest assignment (`"杭州"` fits only `location`,
        // so `"celsius"` goes to `format`); one name with several fitting properties is a
        // choice.
        let leftWritten = written.filter { !usedWritten.contains($0.name) }
        let leftRequired = candidates.filter { $0.required && !usedDeclared.contains($0.name) }
        guard !leftWritten.isEmpty, !leftRequired.isEmpty, leftWritten.count <= 5, leftRequired.count <= 5 else {
            return outcome
        }
        let fits = leftWritten.map { w in leftRequired.map { fit(w.value, $0.name) == .asIs } }
        var best: (size: Int, count: Int, assignment: [Int?]) = (0, 0, [])
        var assignment = [Int?](repeating: nil, count: leftWritten.count)
        var taken = [Bool](repeating: false, count: leftRequired.count)
        func search(_ i: Int, _ size: Int) {
            guard size + (leftWritten.count - i) >= best.size else { return }
            if i == leftWritten.count {
                if size > best.size {
                    best = (size, 1, assignment)
                } else if size == best.size {
                    best.count += 1
                }
                return
            }
            for j in leftRequired.indices where fits[i][j] && !taken[j] {
                taken[j] = true
                assignment[i] = j
                search(i + 1, size + 1)
                taken[j] = false
                assignment[i] = nil
            }
            search(i + 1, size)
        }
        search(0, 0)
        if best.size > 0 && best.count == 1 {
            for (i, j) in best.assignment.enumerated() {
                guard let j else { continue }
                outcome.renames.append(
                    Pair(
                        written: leftWritten[i].name,
                        declared: leftRequired[j].name,
                        relation: .valueOnly,
                        fit: .asIs,
                        declaredIsRequired: true
                    )
                )
            }
        } else if leftWritten.count == 1 {
            let fitting = leftRequired.indices.filter { fits[0][$0] }.map { leftRequired[$0].name }
            if fitting.count > 1 { outcome.choices.append((leftWritten[0].name, fitting)) }
        }
        return outcome
    }
}
