using BenchmarkDotNet.Attributes;
using PlanNacc.Scoring.Classification;
using PlanNacc.SiteFarm;

namespace PlanNacc.Benchmarks.Scoring;

/// <summary>
/// Classifier throughput on typical LAO link texts (the first 1,000 ground-truth link texts of the farm), reported per
/// text (OperationsPerInvoke), against a plain string.Contains loop over the same phrases. Target: at least 200,000 texts
/// per second per core, i.e. a mean under 5 µs.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*Classifier*' --job short
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private const int Texts = 1000;
    private string[] _texts = [];
    private string[] _phrases = [];
    private DisclosureClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _texts = Farm.Generate(new FarmOptions { Sites = 28, Seed = 2568 })
            // a generic anchor ("ดาวน์โหลด", an icon) is classified by its context, as a scan classifies it
            .SelectMany(s => s.Truth).Select(t => t.Context ?? t.LinkText).Take(Texts).ToArray();
        if (_texts.Length != Texts) throw new InvalidOperationException($"only {_texts.Length} texts");
        _phrases = KindRules.Phrases().Select(p => p.ToLowerInvariant()).ToArray();
        _classifier = DisclosureClassifier.Default;
        _classifier.Classify("warm up");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Texts, Description = "string.Contains over the same phrases")]
    public int ContainsLoop()
    {
        var hits = 0;
        foreach (var text in _texts)
        {
            var lower = text.ToLowerInvariant();
            foreach (var p in _phrases)
            {
                if (lower.Contains(p, StringComparison.Ordinal)) hits++;
            }
        }
        return hits;
    }

    [Benchmark(OperationsPerInvoke = Texts, Description = "DisclosureClassifier.Classify (kinds + fiscal year)")]
    public int Classify()
    {
        var kinds = 0;
        foreach (var text in _texts)
        {
            kinds += _classifier.Classify(text, null, 2568).Kinds.Count;
        }
        return kinds;
    }
}
