using System.Reflection;

namespace PlanNacc.Crawler.Fetching;

/// <summary>The truthful User-Agent: <c>PlanNacc/&lt;version&gt; (+&lt;contact url&gt;)</c>; robots.txt groups for <c>plannacc</c> apply to
/// it.</summary>
public static class UserAgent
{
    public const string ProductToken = "PlanNacc";

    public static string Version { get; } = ReadVersion();

    public static string For(string contactUrl) => $"{ProductToken}/{Version} (+{contactUrl})";

    private static string ReadVersion()
    {
        var informational = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }
}
