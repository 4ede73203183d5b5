using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Features.Runs;

/// <summary>How the run pages say a run's kind, scope and statuses, in Thai or English.</summary>
public static class RunDisplay
{
    public static string Kind(string kind, bool en) => kind switch
    {
        "nightly" => en ? "nightly" : "รอบกลางคืน",
        "on-demand" => en ? "on demand" : "ตรวจตามสั่ง",
        _ => kind,
    };

    /// <summary>all | province:NAME | lao:CODE | demo, as words (the LAO's code is linked by the page: <see cref="LaoCode"/>).</summary>
    public static string Scope(string scope, bool en) => scope switch
    {
        "all" => en ? "all LAOs with a website" : "อปท. ทุกแห่งที่มีเว็บไซต์",
        "demo" => en ? "demo farm" : "ชุดสาธิต",
        _ when scope.StartsWith("province:", StringComparison.Ordinal) => (en ? "province " : "จังหวัด") + scope["province:".Length..],
        _ when LaoCode(scope) is { } code => (en ? "LAO " : "อปท. รหัส ") + code,
        _ => scope,
    };

    /// <summary>The DLA code of a one-LAO run, when it is one (and a well-formed code, so it can go into a link).</summary>
    public static string? LaoCode(string scope) =>
        scope.StartsWith("lao:", StringComparison.Ordinal) && scope.Length == 11 && scope[4..].All(char.IsAsciiDigit)
            ? scope[4..]
            : null;
}

/// <summary>A run's failures by status, then by reason, each reason with the LAOs it hit.</summary>
public sealed record FailureGroup(ScanStatus Status, int Sites, IReadOnlyList<ReasonGroup> Reasons)
{
    public static IReadOnlyList<FailureGroup> Of(IReadOnlyList<RunFailure> failures) =>
        failures.GroupBy(f => f.Status)
            .Select(s => new FailureGroup(s.Key, s.Count(), s.GroupBy(f => f.Reason ?? "", StringComparer.Ordinal)
                .Select(r => new ReasonGroup(r.Key, r.OrderBy(f => f.DlaCode, StringComparer.Ordinal).ToList()))
                .OrderByDescending(r => r.Laos.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)
                .ToList()))
            .OrderByDescending(g => g.Sites).ThenBy(g => ScanStatuses.Name(g.Status), StringComparer.Ordinal)
            .ToList();
}

public sealed record ReasonGroup(string Reason, IReadOnlyList<RunFailure> Laos);
