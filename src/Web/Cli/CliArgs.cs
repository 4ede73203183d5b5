using System.Globalization;

namespace PlanNacc.Web.Cli;

/// <summary>
/// A verb's shape: its positional arguments (at least <paramref name="Positionals"/>, at most <paramref name="MaxPositionals"/>
/// when a verb has sub-commands such as `criteria import FILE`) and the options it accepts (true = takes a value).
/// </summary>
public sealed record VerbSpec(string Name, string Usage, string Does, int Positionals, IReadOnlyDictionary<string, bool> Options,
    int MaxPositionals = -1);

/// <summary>A command line split into verb, positionals and options, checked against the verb's spec.</summary>
public sealed record CliArgs(string Verb, IReadOnlyList<string> Positionals, IReadOnlyDictionary<string, List<string>> Options)
{
    public static readonly IReadOnlyDictionary<string, bool> GlobalOptions = new Dictionary<string, bool>
    {
        ["--db"] = true,
        ["--connection"] = true,
        ["--data-dir"] = true,
        ["--evidence-dir"] = true,
    };

    public bool Has(string option) => Options.ContainsKey(option);

    public string? Value(string option) => Options.TryGetValue(option, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string option) => Options.TryGetValue(option, out var values) ? values : [];

    public int? Int(string option, int min, int max)
    {
        if (Value(option) is not { } text)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{option} expects a whole number from {min} to {max}, not '{text}'");
    }

    public double? Double(string option, double min, double max)
    {
        if (Value(option) is not { } text)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{option} expects a number from {min} to {max}, not '{text}'");
    }

    public static CliArgs Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, VerbSpec> verbs)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        string? verb = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
                var spec = verb is null ? null : verbs[verb];
                bool takesValue;
                if (GlobalOptions.TryGetValue(name, out var globalTakes))
                {
                    takesValue = globalTakes;
                }
                else if (spec is not null && spec.Options.TryGetValue(name, out var verbTakes))
                {
                    takesValue = verbTakes;
                }
                else
                {
                    throw new UsageException(verb is null ? $"unknown option {name}" : $"unknown option {name} for {verb}", verb);
                }
                string value;
                if (!takesValue)
                {
                    value = inline is null ? "" : throw new UsageException($"{name} takes no value", verb);
                }
                else if (inline is not null)
                {
                    value = inline;
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"{name} needs a value", verb);
                }
                if (!options.TryGetValue(name, out var list))
                {
                    options[name] = list = [];
                }
                list.Add(value);
            }
            else if (verb is null)
            {
                verb = verbs.ContainsKey(arg) ? arg : throw new UsageException($"unknown verb '{arg}'");
            }
            else
            {
                positionals.Add(arg);
            }
        }
        if (verb is null)
        {
            throw new UsageException("no verb given");
        }
        var expected = verbs[verb].Positionals;
        if (positionals.Count < expected)
        {
            throw new UsageException($"{verb}: missing argument ({verbs[verb].Usage})", verb);
        }
        var most = Math.Max(expected, verbs[verb].MaxPositionals);
        if (positionals.Count > most)
        {
            throw new UsageException($"{verb}: unexpected argument '{positionals[most]}'", verb);
        }
        return new CliArgs(verb, positionals, options);
    }
}
