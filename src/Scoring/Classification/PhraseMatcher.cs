using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Classification;

/// <summary>
/// Normalised text folded to letters and digits only (Thai words carry no spaces, so matching ignores spacing and
/// punctuation), with word-boundary flags so a Latin phrase ("ita") does not match inside a longer word ("capital").
/// </summary>
internal ref struct CompactText
{
    public Span<char> Chars;
    public Span<bool> BoundaryBefore;
    public int Length;

    public static int Fill(ReadOnlySpan<char> normalized, Span<char> chars, Span<bool> boundaryBefore)
    {
        var n = 0;
        var gap = true;
        var prevLatin = false;
        foreach (var c in normalized)
        {
            var latin = char.IsAsciiLetterLower(c);
            if (latin || char.IsAsciiDigit(c) || ThaiText.IsThaiLetter(c))
            {
                if (n == chars.Length) break;
                boundaryBefore[n] = gap || latin != prevLatin;
                chars[n++] = c;
                prevLatin = latin;
                gap = false;
            }
            else
            {
                gap = true;
            }
        }
        return n;
    }

    /// <summary>The compact form of a phrase (for building the matcher).</summary>
    public static string Of(string phrase)
    {
        var norm = ThaiText.Normalize(phrase);
        Span<char> buf = stackalloc char[norm.Length];
        Span<bool> b = stackalloc bool[norm.Length];
        var n = Fill(norm, buf, b);
        return new string(buf[..n]);
    }
}

/// <summary>
/// Aho-Corasick automaton over the compact alphabet, compiled to a dense DFA. Only letters that occur in some phrase get
/// a column (every other letter resets to the root), and states are 16-bit, so the table stays small enough for cache.
/// </summary>
internal sealed class PhraseMatcher
{
    private const int RawAlphabet = 128 + 26 + 10 + 1;

    private readonly byte[] _column = new byte[RawAlphabet];
    private readonly int _columns;
    private readonly ushort[] _next;
    private readonly bool[] _hasOutput;
    private readonly int[][] _outputs;
    private readonly int[] _lengths;
    private readonly bool[] _latinStart;
    private readonly bool[] _latinEnd;

    public int Count => _lengths.Length;

    public PhraseMatcher(IReadOnlyList<string> compactPhrases)
    {
        var used = compactPhrases.SelectMany(p => p).Select(RawSymbol).Distinct().Order().ToList();
        for (var i = 0; i < used.Count; i++) _column[used[i]] = (byte)(i + 1);
        _columns = used.Count + 1;

        var gotoList = new List<Dictionary<int, int>> { new() };
        var outputs = new List<List<int>> { new() };
        _lengths = new int[compactPhrases.Count];
        _latinStart = new bool[compactPhrases.Count];
        _latinEnd = new bool[compactPhrases.Count];
        for (var p = 0; p < compactPhrases.Count; p++)
        {
            var phrase = compactPhrases[p];
            if (phrase.Length == 0) throw new ArgumentException("empty phrase", nameof(compactPhrases));
            _lengths[p] = phrase.Length;
            _latinStart[p] = char.IsAsciiLetterLower(phrase[0]);
            _latinEnd[p] = char.IsAsciiLetterLower(phrase[^1]);
            var node = 0;
            foreach (var c in phrase)
            {
                var sym = _column[RawSymbol(c)];
                if (!gotoList[node].TryGetValue(sym, out var nx))
                {
                    nx = gotoList.Count;
                    gotoList.Add(new Dictionary<int, int>());
                    outputs.Add([]);
                    gotoList[node][sym] = nx;
                }
                node = nx;
            }
            outputs[node].Add(p);
        }

        var nodes = gotoList.Count;
        if (nodes > ushort.MaxValue) throw new InvalidOperationException("vocabulary too large for 16-bit states");
        _next = new ushort[nodes * _columns];
        var fail = new int[nodes];
        var queue = new Queue<int>();
        for (var s = 1; s < _columns; s++)
        {
            if (gotoList[0].TryGetValue(s, out var nx))
            {
                _next[s] = (ushort)nx;
                queue.Enqueue(nx);
            }
        }
        while (queue.Count > 0)
        {
            var r = queue.Dequeue();
            outputs[r].AddRange(outputs[fail[r]]);
            for (var s = 1; s < _columns; s++)
            {
                if (gotoList[r].TryGetValue(s, out var u))
                {
                    fail[u] = _next[fail[r] * _columns + s];
                    _next[r * _columns + s] = (ushort)u;
                    queue.Enqueue(u);
                }
                else
                {
                    _next[r * _columns + s] = _next[fail[r] * _columns + s];
                }
            }
        }
        _outputs = outputs.Select(o => o.Distinct().ToArray()).ToArray();
        _hasOutput = _outputs.Select(o => o.Length > 0).ToArray();
    }

    public int Length(int phrase) => _lengths[phrase];

    /// <summary>Sets a bit in <paramref name="found"/> for every phrase present in the text.</summary>
    public void Match(ReadOnlySpan<char> chars, ReadOnlySpan<bool> boundaryBefore, Span<ulong> found)
    {
        var state = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            state = _next[state * _columns + _column[RawSymbol(chars[i])]];
            if (!_hasOutput[state]) continue;
            foreach (var p in _outputs[state])
            {
                if (_latinStart[p] && !boundaryBefore[i - _lengths[p] + 1]) continue;
                if (_latinEnd[p] && i + 1 < chars.Length && !boundaryBefore[i + 1]) continue;
                found[p >> 6] |= 1UL << (p & 63);
            }
        }
    }

    private static int RawSymbol(char c) => c switch
    {
        >= '\u0E00' and <= '\u0E7F' => c - '\u0E00',
        >= 'a' and <= 'z' => 128 + (c - 'a'),
        >= '0' and <= '9' => 154 + (c - '0'),
        _ => RawAlphabet - 1,
    };
}
