namespace PlanNacc.Web.Features.Runs;

/// <summary>Which LAOs a run covers: every LAO with a website, one province's, or one LAO (by DLA code, never by name).</summary>
public sealed record RunScope(string Kind, string? Value)
{
    public static readonly RunScope All = new("all", null);

    public static RunScope Lao(string dlaCode) => new("lao", dlaCode);

    public static RunScope Province(string name) => new("province", name.Trim());

    /// <summary>As stored in runs.scope: all | lao:NNNNNNN | province:NAME.</summary>
    public override string ToString() => Value is null ? Kind : $"{Kind}:{Value}";
}

/// <summary>A run that was started, or why none was (nothing to scan in that scope).</summary>
public sealed record RunStart(long? RunId, int Sites, string? Refusal)
{
    public static RunStart Refused(string reason) => new(null, 0, reason);
}
