namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed forever, unlike System.Random (whose algorithm may change)
/// and string.GetHashCode (randomised per process). Determinism of the farm rests on this.
/// </summary>
internal sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    public static Rng For(int seed, params object[] parts)
    {
        var h = Hash.Of(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var p in parts)
        {
            h = Hash.Mix(h, Hash.Of(Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }
        return new Rng(h);
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>[min, max)</summary>
    public int Next(int min, int max) => max <= min ? min : min + (int)(NextULong() % (ulong)(max - min));

    public int Next(int max) => Next(0, max);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public T Weighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var x = NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            if ((x -= weight) < 0)
            {
                return item;
            }
        }
        return items[^1].Item;
    }

    public Rng Fork(string label) => new(Hash.Mix(NextULong(), Hash.Of(label)));
}

internal static class Hash
{
    /// <summary>FNV-1a over UTF-16 code units: stable across processes and runtimes.</summary>
    public static ulong Of(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    public static ulong Mix(ulong a, ulong b)
    {
        var x = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        return x;
    }
}
