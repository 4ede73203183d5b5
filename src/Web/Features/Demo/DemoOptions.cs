namespace PlanNacc.Web.Features.Demo;

/// <summary>`serve --demo`: the site farm it starts. Section "Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>The farm's DLL; empty = tests/SiteFarm/bin/Release/net10.0/PlanNacc.SiteFarm.dll under the repository root.</summary>
    public string? FarmPath { get; set; }

    public int Sites { get; set; } = 24;

    /// <summary>
    /// One more site, the farm's markup site: its name, link texts, menu labels and titles carry script and markup
    /// payloads, so an operator sees on the dashboard that crawled text is shown as text.
    /// </summary>
    public bool MarkupSite { get; set; } = true;

    /// <summary>The farm answers at loopback speed, so the crawler may ask faster than the 1 request/s it grants real sites.</summary>
    public double RequestsPerSecondPerHost { get; set; } = 20;

    /// <summary>All farm hosts share 127.0.0.1, so the per-address limit is raised with the per-host one.</summary>
    public int MaxConcurrentPerAddress { get; set; } = 16;

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
