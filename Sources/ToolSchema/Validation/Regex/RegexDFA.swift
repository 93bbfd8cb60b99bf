/// A deterministic automaton built once, when the pattern is compiled, from the Pike VM's
/// program: one table step per scalar of text instead of a walk over every live thread.
///
/// Built only for what it can decide alone: no lookaround, no word boundary (both depend on
/// the scalars around a position) and no `\p{…}` (whose classes are not ranges). Above its
/// size limits (states, scalar classes) the pattern keeps the Pike VM, which is linear too;
/// the automaton is a constant-factor optimisation, never a change of meaning, and the tests
/// run both on the same inputs.
///
/// Scalars fall into classes that every consuming instruction treats alike (ASCII by a
/// table, the rest by a binary search over interval starts). A state is the set of the
/// program's consuming and end-of-text instructions alive after a prefix of the text, with
/// the unanchored restart folded in, so a match anywhere is one run from the start.
struct RegexDFA: Sendable {
    /// The class of each ASCII scalar.
    private let asciiClass: [UInt8]
    /// Interval starts, ascending, the first 0: interval k is `starts[k]..<starts[k + 1]`.
    private let starts: [UInt32]
    /// The class of each interval.
    private let intervalClass: [UInt8]
    private let classCount: Int
    /// `state * classCount + class`: the next state, or ``accept``.
    private let transitions: [UInt16]
    /// Whether the pattern has matched when the text ends in the state.
    private let acceptsAtEnd: [Bool]
    /// States that lead only to themselves and do not accept: the text cannot match.
    private let dead: [Bool]
    /// The pattern matches the empty text at the start: it matches everything.
    private let matchesEverything: Bool

    static let accept = UInt16.max
    static let maxStates = 1_024
    static let maxTableEntries = 1 << 16
    static let maxProgram = 4_096
    static let maxIntervals = 4_096
    /// Steps the construction may take (instructions visited, answers computed): a pattern
    /// whose table would cost more to build keeps the VM, so compiling a hostile schema stays
    /// fast. About 10 ms here; the tool-call patterns seen take well under 1% of it.
    static let maxWork = 1 << 20

    /// The automaton for `program`, or nil when it holds an instruction the automaton cannot
    /// decide or the automaton would outgrow its limits.
    init?(program: [CompiledPattern.Instruction], sets: [RegexSet]) {
        guard program.count <= Self.maxProgram else { return nil }
        // The scalar intervals every consuming instruction treats alike.
        var cuts: Set<UInt32> = [0]
        for instruction in program {
            switch instruction {
            case .scalar(let v):
                cuts.insert(v)
                cuts.insert(v + 1)
            case .set(let k):
                guard sets[k].properties.isEmpty else { return nil }
                for r in sets[k].ranges {
                    cuts.insert(r.lowerBound)
                    cuts.insert(r.upperBound + 1)
                }
            case .any:
                for v: UInt32 in [0x0A, 0x0D, 0x2028, 0x2029] {
                    cuts.insert(v)
                    cuts.insert(v + 1)
                }
            case .wordBoundary, .lookaround:
                return nil
            case .split, .jump, .lineStart, .lineEnd, .match:
                break
            }
        }
        let starts = cuts.filter { $0 <= 0x10FFFF }.sorted()
        guard starts.count <= Self.maxIntervals else { return nil }
        let consuming = program.indices.filter {
            switch program[$0] {
            case .scalar, .set, .any: true
            default: false
            }
        }
        guard starts.count * consuming.count <= Self.maxWork else { return nil }
        // Intervals with the same row of answers share a class.
        var classOfRow: [[Bool]: UInt8] = [:]
        var representatives: [UInt32] = []
        var intervalClass: [UInt8] = []
        intervalClass.reserveCapacity(starts.count)
        for start in starts {
            let row = sets.withUnsafeBufferPointer { s in
                consuming.map { CompiledPattern.consumes(program[$0], start, s) }
            }
            if let known = classOfRow[row] {
                intervalClass.append(known)
            } else {
                guard classOfRow.count < 255 else { return nil }
                let k = UInt8(classOfRow.count)
                classOfRow[row] = k
                representatives.append(start)
                intervalClass.append(k)
            }
        }
        let classCount = representatives.count
        var ascii = [UInt8](repeating: 0, count: 128)
        var interval = 0
        for v in 0..<128 {
            while interval + 1 < starts.count && starts[interval + 1] <= UInt32(v) { interval += 1 }
            ascii[v] = intervalClass[interval]
        }

        // Subset construction. The start state is kept apart from the rest: only there does
        // `^` hold.
        var closure = Closure(program, work: starts.count * consuming.count)
        let initialMatched = closure.run(seeds: [0], atStart: true, atEnd: false)
        let initial = closure.members
        var stateSets: [[Int]] = [initial]
        var index: [[Int]: Int] = [:]
        var transitions: [UInt16] = []
        var state = 0
        var seeds: [Int] = []
        while state < stateSets.count {
            let current = stateSets[state]
            for k in 0..<classCount {
                let r = representatives[k]
                seeds.removeAll(keepingCapacity: true)
                closure.work += current.count
                sets.withUnsafeBufferPointer { s in
                    for pc in current where CompiledPattern.consumes(program[pc], r, s) { seeds.append(pc + 1) }
                }
                seeds.append(0)  // the unanchored restart
                let matched = closure.run(seeds: seeds, atStart: false, atEnd: false)
                guard closure.work <= Self.maxWork else { return nil }
                let next = closure.members
                if matched {
                    transitions.append(Self.accept)
                    continue
                }
                if let known = index[next] {
                    transitions.append(UInt16(known))
                } else {
                    guard stateSets.count < Self.maxStates, (stateSets.count + 1) * classCount <= Self.maxTableEntries
                    else { return nil }
                    index[next] = stateSets.count
                    transitions.append(UInt16(stateSets.count))
                    stateSets.append(next)
                }
            }
            state += 1
        }
        var acceptsAtEnd: [Bool] = []
        var dead: [Bool] = []
        for (s, members) in stateSets.enumerated() {
            let endSeeds = members.filter {
                if case .lineEnd = program[$0] { return true }
                return false
            }.map { $0 + 1 }
            let accepts = !endSeeds.isEmpty && closure.run(seeds: endSeeds, atStart: s == 0, atEnd: true)
            acceptsAtEnd.append(accepts)
            let row = transitions[(s * classCount)..<((s + 1) * classCount)]
            dead.append(!accepts && row.allSatisfy { $0 == UInt16(s) })
        }
        self.asciiClass = ascii
        self.starts = starts
        self.intervalClass = intervalClass
        self.classCount = classCount
        self.transitions = transitions
        self.acceptsAtEnd = acceptsAtEnd
        self.dead = dead
        self.matchesEverything = initialMatched
    }

    /// Reused memory for closures while the table is built: a visit stamp per instruction,
    /// the stack and the members found, so a closure allocates nothing.
    private struct Closure {
        let program: [CompiledPattern.Instruction]
        var stamps: [Int]
        var stamp = 0
        /// Steps taken so far, by every closure and by what was counted before them.
        var work: Int
        var stack: [Int] = []
        /// The last closure's members, sorted.
        var members: [Int] = []

        init(_ program: [CompiledPattern.Instruction], work: Int) {
            self.program = program
            self.work = work
            stamps = Array(repeating: -1, count: program.count)
        }

        /// Fills ``members`` with the live instructions reachable from `seeds` without
        /// consuming a scalar (the consuming ones and, unless the text ends here, the `$`
        /// ones), and says whether `match` is reachable.
        mutating func run(seeds: [Int], atStart: Bool, atEnd: Bool) -> Bool {
            stamp += 1
            stack.removeAll(keepingCapacity: true)
            members.removeAll(keepingCapacity: true)
            for seed in seeds.reversed() { stack.append(seed) }
            work += seeds.count
            while let pc = stack.popLast() {
                work += 1
                guard stamps[pc] != stamp else { continue }
                stamps[pc] = stamp
                switch program[pc] {
                case .match:
                    members.removeAll(keepingCapacity: true)
                    return true
                case .jump(let target): stack.append(target)
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .lineStart: if atStart { stack.append(pc + 1) }
                case .lineEnd:
                    if atEnd { stack.append(pc + 1) } else { members.append(pc) }
                case .scalar, .set, .any: members.append(pc)
                case .wordBoundary, .lookaround: break  // not built for these
                }
            }
            members.sort()
            return false
        }
    }

    /// The class of scalar `v`.
    @inline(__always)
    private func classOf(_ v: UInt32) -> Int {
        if v < 128 { return Int(asciiClass[Int(v)]) }
        // The last start at or below v.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= v { low = mid } else { high = mid }
        }
        return Int(intervalClass[low])
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        if matchesEverything { return true }
        if let result = text.utf8.withContiguousStorageIfAvailable({ run($0) }) { return result }
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBufferPointer { run(UnsafeBufferPointer($0)) }
    }

    private func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        transitions.withUnsafeBufferPointer { table in
            var state = 0
            var i = 0
            let n = bytes.count
            while i < n {
                // The text is valid UTF-8 (a String's bytes): decode one scalar.
                let b0 = bytes[i]
                var v: UInt32
                if b0 < 0x80 {
                    v = UInt32(b0)
                    i += 1
                } else if b0 < 0xE0 {
                    v = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if b0 < 0xF0 {
                    v = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    v =
                        (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                        | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                let next = table[state * classCount + classOf(v)]
                if next == Self.accept { return true }
                state = Int(next)
                if dead[state] { return false }
            }
            return acceptsAtEnd[state]
        }
    }
}
