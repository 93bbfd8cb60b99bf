/// A compiled ECMA-262 pattern, run by a Pike VM: time linear in the input whatever the
/// pattern, so `^(a+)+$` against 30,000 `a`s and a `!` finishes in milliseconds.
///
/// Patterns match Unicode scalars (an astral character is one `.`), unanchored as JSON Schema
/// requires. Lookarounds run in linear time too, as Barrière and Pit-Claudel show ("Linear
/// Matching of JavaScript Regular Expressions", PLDI 2024): before the main run, each
/// lookaround (innermost first) is run once over the whole text, a lookbehind forwards and a
/// lookahead backwards with its body reversed, each starting at every position, and the
/// positions where it holds are kept; the main run then reads a lookaround as an assertion
/// on that table. Backreferences cannot be matched in linear time and are refused when the
/// pattern is compiled.
package struct CompiledPattern: Sendable {
    /// One step. Every payload is a plain value, so reading an instruction copies no
    /// reference (a class, as character sets are, is kept in ``Storage/sets`` by index).
    enum Instruction: Sendable {
        case scalar(UInt32)
        case set(Int)  // sets[k]
        case any
        case split(Int, Int)  // try the first, then the second
        case jump(Int)
        case lineStart
        case lineEnd
        case wordBoundary(Bool)
        case lookaround(Int)  // holds where lookarounds[k]'s table says
        case match
    }

    /// A lookaround's own program (reversed for a lookahead) and how its table reads.
    struct Lookaround: Sendable {
        var program: [Instruction]
        var ahead: Bool
        var negated: Bool
    }

    /// Everything compiled, behind one reference: copying a pattern (as reading a schema
    /// node's `pattern` does) retains once.
    final class Storage: Sendable {
        let source: String
        let program: [Instruction]
        let sets: [RegexSet]
        /// Innermost first: a lookaround's program refers only to earlier ones.
        let lookarounds: [Lookaround]
        /// The same program as a table, when it can be one (see ``RegexDFA``).
        let dfa: RegexDFA?

        init(source: String, program: [Instruction], sets: [RegexSet], lookarounds: [Lookaround]) {
            self.source = source
            self.program = program
            self.sets = sets
            self.lookarounds = lookarounds
            self.dfa = lookarounds.isEmpty ? RegexDFA(program: program, sets: sets) : nil
        }
    }

    let storage: Storage
    var source: String { storage.source }
    var program: [Instruction] { storage.program }
    var lookarounds: [Lookaround] { storage.lookarounds }
    static let maxInstructions = 50_000

    /// Why a pattern cannot be used.
    package struct CompileError: Error, Sendable {
        package var message: String
    }

    package init(_ pattern: String) throws(CompileError) {
        let node: RegexNode
        do {
            node = try RegexParser.parse(pattern)
        } catch {
            throw CompileError(message: "\(error.message) (at character \(error.index + 1))")
        }
        if let unsupported = node.unsupportedConstruct {
            throw CompileError(message: "it uses \(unsupported), which the linear-time engine cannot run")
        }
        var builder = Builder()
        try builder.emit(node)
        builder.program.append(.match)
        self.storage = Storage(
            source: pattern,
            program: builder.program,
            sets: builder.sets,
            lookarounds: builder.lookarounds
        )
    }

    struct Builder {
        var program: [Instruction] = []
        var sets: [RegexSet] = []
        var lookarounds: [Lookaround] = []
        /// Instructions in the lookarounds' programs, which count towards the limit too.
        var elsewhere = 0

        mutating func append(_ i: Instruction) throws(CompileError) -> Int {
            if program.count + elsewhere >= CompiledPattern.maxInstructions {
                throw CompileError(
                    message:
                        "the pattern expands to more than \(CompiledPattern.maxInstructions) steps; use smaller repeat counts"
                )
            }
            program.append(i)
            return program.count - 1
        }

        mutating func emit(_ node: RegexNode) throws(CompileError) {
            switch node {
            case .empty: break
            case .scalar(let s): _ = try append(.scalar(s.value))
            case .any: _ = try append(.any)
            case .set(let s):
                sets.append(s)
                _ = try append(.set(sets.count - 1))
            case .lineStart: _ = try append(.lineStart)
            case .lineEnd: _ = try append(.lineEnd)
            case .wordBoundary(let b): _ = try append(.wordBoundary(b))
            case .group(let inner): try emit(inner)
            case .concatenation(let list): for n in list { try emit(n) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = try append(.split(0, 0))
                        try emit(branch)
                        jumps.append(try append(.jump(0)))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(branch)
                    }
                }
                for j in jumps { program[j] = .jump(program.count) }
            case .repetition(let inner, let min, let max, let greedy):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    // Each optional copy: split(body, out).
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(try append(.split(0, 0)))
                        try emit(inner)
                    }
                    for s in splits {
                        program[s] = greedy ? .split(s + 1, program.count) : .split(program.count, s + 1)
                    }
                } else {
                    let loop = try append(.split(0, 0))
                    try emit(inner)
                    _ = try append(.jump(loop))
                    program[loop] = greedy ? .split(loop + 1, program.count) : .split(program.count, loop + 1)
                }
            case .lookaround(let inner, let ahead, let negated):
                var sub = Builder()
                sub.lookarounds = lookarounds
                sub.sets = sets
                sub.elsewhere = program.count + elsewhere
                try sub.emit(ahead ? inner.reversed : inner)
                _ = try sub.append(.match)
                lookarounds = sub.lookarounds
                sets = sub.sets
                elsewhere += sub.program.count
                lookarounds.append(Lookaround(program: sub.program, ahead: ahead, negated: negated))
                _ = try append(.lookaround(lookarounds.count - 1))
            case .backreference:
                throw CompileError(message: "backreferences cannot run in linear time")
            }
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    ///
    /// - Complexity: O(n) for n scalars of text with a table (see ``RegexDFA``), O(n × m) for
    ///   m instructions on the VM.
    package func matches(_ text: String) -> Bool {
        if let dfa = storage.dfa { return dfa.matches(text) }
        return matchesByVM(text)
    }

    /// Whether the pattern has a table (see ``RegexDFA``); the VM runs otherwise.
    package var hasAutomaton: Bool { storage.dfa != nil }

    /// ``matches(_:)`` by the Pike VM whatever the pattern, for comparing the two in tests.
    package func matchesByVM(_ text: String) -> Bool {
        if !lookarounds.isEmpty { return matchesWithLookarounds(text) }
        // One scratch allocation (on the stack for small programs): two sparse sets and the
        // closure stack, each as large as the program.
        let m = program.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * m + 1) { scratch in
            var current = ThreadList(UnsafeMutableBufferPointer(rebasing: scratch[0..<(2 * m)]))
            var next = ThreadList(UnsafeMutableBufferPointer(rebasing: scratch[(2 * m)..<(4 * m)]))
            var stack = Stack(UnsafeMutableBufferPointer(rebasing: scratch[(4 * m)...]))
            return storage.sets.withUnsafeBufferPointer { sets in run(text, sets, &current, &next, &stack) }
        }
    }

    private func run(
        _ text: String,
        _ sets: UnsafeBufferPointer<RegexSet>,
        _ current: inout ThreadList,
        _ next: inout ThreadList,
        _ stack: inout Stack
    ) -> Bool {
        let program = storage.program
        // Walk the scalars in place, keeping the one before and the one at the position for
        // the assertions.
        var scalars = text.unicodeScalars.makeIterator()
        var previous: UInt32? = nil
        var here: UInt32? = scalars.next()?.value
        var atStart = true
        while true {
            // Unanchored: a new thread starts at every position.
            if add(0, program, atStart: atStart, previous, here, &current, &stack) { return true }
            guard let c = here else { return false }
            next.clear()
            let after = scalars.next()?.value
            for k in 0..<current.count {
                let pc = current.dense[k]
                let advances = Self.consumes(program[pc], c, sets)
                if advances && add(pc + 1, program, atStart: false, c, after, &next, &stack) { return true }
            }
            swap(&current, &next)
            previous = c
            here = after
            atStart = false
        }
    }

    /// Adds the thread at `start` and everything reachable without consuming input, at a
    /// position between `before` and `after` (nil at the ends). Returns true on a match.
    private func add(
        _ start: Int,
        _ program: [Instruction],
        atStart: Bool,
        _ before: UInt32?,
        _ after: UInt32?,
        _ list: inout ThreadList,
        _ stack: inout Stack
    ) -> Bool {
        stack.count = 0
        stack.append(start)
        while let pc = stack.popLast() {
            if list.contains(pc) { continue }
            list.insert(pc)
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let a, let b):
                stack.append(b)
                stack.append(a)
            case .lineStart: if atStart { stack.append(pc + 1) }
            case .lineEnd: if after == nil { stack.append(pc + 1) }
            case .wordBoundary(let wanted):
                let isBefore = before.map(Self.isWord) ?? false
                let isAfter = after.map(Self.isWord) ?? false
                if (isBefore != isAfter) == wanted { stack.append(pc + 1) }
            default: break
            }
        }
        return false
    }

    // MARK: Lookarounds

    /// The run for patterns with lookarounds: the text as an array of scalars, one table per
    /// lookaround, then the main program reading them. O(n × m) for n scalars and m
    /// instructions across all the programs; the tables and thread lists live in one scratch
    /// allocation (on the stack when small), like the plain run's.
    private func matchesWithLookarounds(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        let width = scalars.count + 1
        var largest = program.count
        for lookaround in lookarounds { largest = Swift.max(largest, lookaround.program.count) }
        let m = largest
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: lookarounds.count * width) { tables in
            tables.initialize(repeating: false)
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * m + 1) { scratch in
                storage.sets.withUnsafeBufferPointer { sets in
                    func simulate(_ program: [Instruction], forward: Bool, recordingInto table: Int?) -> Bool {
                        var current = ThreadList(UnsafeMutableBufferPointer(rebasing: scratch[0..<(2 * m)]))
                        var next = ThreadList(UnsafeMutableBufferPointer(rebasing: scratch[(2 * m)..<(4 * m)]))
                        var stack = Stack(UnsafeMutableBufferPointer(rebasing: scratch[(4 * m)...]))
                        return Self.simulate(
                            program,
                            sets,
                            scalars,
                            tables,
                            width: width,
                            forward: forward,
                            recordingInto: table,
                            &current,
                            &next,
                            &stack
                        )
                    }
                    for (k, lookaround) in lookarounds.enumerated() {
                        _ = simulate(lookaround.program, forward: !lookaround.ahead, recordingInto: k)
                        if lookaround.negated {
                            for p in (k * width)..<((k + 1) * width) { tables[p].toggle() }
                        }
                    }
                    return simulate(program, forward: true, recordingInto: nil)
                }
            }
        }
    }

    /// Runs `program` over `s` with a thread starting at every position, forwards or
    /// backwards. Without a table to record into, returns true at the first match; with one,
    /// marks in it every position where a match ends (forwards) or starts (backwards), and
    /// returns false. Lookaround `k` holds at `p` when `tables[k * width + p]` is set.
    private static func simulate(
        _ program: [Instruction],
        _ sets: UnsafeBufferPointer<RegexSet>,
        _ s: [UInt32],
        _ tables: UnsafeMutableBufferPointer<Bool>,
        width: Int,
        forward: Bool,
        recordingInto table: Int?,
        _ current: inout ThreadList,
        _ next: inout ThreadList,
        _ stack: inout Stack
    ) -> Bool {
        let n = s.count

        /// The closure of `start` at position `p`, into `list`; true when it reaches a match.
        func add(_ start: Int, at p: Int, _ list: inout ThreadList) -> Bool {
            var matched = false
            stack.count = 0
            stack.append(start)
            while let pc = stack.popLast() {
                if list.contains(pc) { continue }
                list.insert(pc)
                switch program[pc] {
                case .match: matched = true
                case .jump(let target): stack.append(target)
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .lineStart: if p == 0 { stack.append(pc + 1) }
                case .lineEnd: if p == n { stack.append(pc + 1) }
                case .wordBoundary(let wanted):
                    let isBefore = p > 0 && isWord(s[p - 1])
                    let isAfter = p < n && isWord(s[p])
                    if (isBefore != isAfter) == wanted { stack.append(pc + 1) }
                case .lookaround(let k): if tables[k * width + p] { stack.append(pc + 1) }
                default: break
                }
            }
            return matched
        }

        var p = forward ? 0 : n
        current.clear()
        while true {
            if add(0, at: p, &current) {
                guard let table else { return true }
                tables[table * width + p] = true
            }
            if forward ? p == n : p == 0 { return false }
            let c = forward ? s[p] : s[p - 1]
            let q = forward ? p + 1 : p - 1
            next.clear()
            for k in 0..<current.count {
                let pc = current.dense[k]
                let advances = Self.consumes(program[pc], c, sets)
                if advances && add(pc + 1, at: q, &next) {
                    guard let table else { return true }
                    tables[table * width + q] = true
                }
            }
            swap(&current, &next)
            p = q
        }
    }

    /// Whether instruction `i` consumes the scalar `c` (the one step both runs share).
    @inline(__always)
    static func consumes(_ i: Instruction, _ c: UInt32, _ sets: UnsafeBufferPointer<RegexSet>) -> Bool {
        switch i {
        case .scalar(let v): v == c
        case .set(let k): sets[k].contains(c)
        case .any: !(c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029)
        default: false
        }
    }

    static func isWord(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    /// A sparse set of instruction indices over borrowed memory: O(1) insert, membership and
    /// clear. A sparse slot is trusted only when the dense half points back at it, so clearing
    /// is just resetting the count.
    struct ThreadList {
        let dense: UnsafeMutableBufferPointer<Int>
        let sparse: UnsafeMutableBufferPointer<Int>
        var count = 0

        init(_ memory: UnsafeMutableBufferPointer<Int>) {
            let half = memory.count / 2
            dense = UnsafeMutableBufferPointer(rebasing: memory[0..<half])
            sparse = UnsafeMutableBufferPointer(rebasing: memory[half...])
            sparse.initialize(repeating: 0)
        }

        func contains(_ pc: Int) -> Bool {
            let k = sparse[pc]
            return k < count && dense[k] == pc
        }

        mutating func insert(_ pc: Int) {
            sparse[pc] = count
            dense[count] = pc
            count += 1
        }

        mutating func clear() { count = 0 }
    }

    /// A stack over borrowed memory. Each instruction is pushed at most once per closure (a
    /// split pushes two, but each target is then visited once), so the program size bounds it.
    struct Stack {
        let memory: UnsafeMutableBufferPointer<Int>
        var count = 0

        init(_ memory: UnsafeMutableBufferPointer<Int>) { self.memory = memory }

        mutating func append(_ pc: Int) {
            memory[count] = pc
            count += 1
        }

        mutating func popLast() -> Int? {
            guard count > 0 else { return nil }
            count -= 1
            return memory[count]
        }
    }
}
