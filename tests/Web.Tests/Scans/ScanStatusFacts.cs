using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Tests.Scans;

/// <summary>A scan's status is an enum inside Web and the same stored names outside it (database, API, pages, exports).</summary>
[Collection(HangfireHosts.Name)]
public sealed class ScanStatusFacts
{
    [Fact]
    public void EveryCrawlStatus_HasAScanStatus_StoredUnderTheScanJsonName()
    {
        foreach (var site in Enum.GetValues<SiteStatus>())
        {
            var scan = ScanStatuses.Of(site);
            Assert.Equal(SiteStatusJsonConverter.Name(site), ScanStatuses.Name(scan));
            Assert.Equal(scan, ScanStatuses.Parse(ScanStatuses.Name(scan)));
        }
        Assert.Equal("error", ScanStatuses.Name(ScanStatus.Error));
        Assert.Equal("no-snapshot", ScanStatuses.Name(ScanStatus.NoSnapshot));
        Assert.Equal("certificate-invalid", ScanStatuses.Name(ScanStatus.CertificateInvalid));
    }

    [Fact]
    public void EveryStatus_IsSaidInThai()
    {
        foreach (var status in Enum.GetValues<ScanStatus>())
        {
            Assert.NotEqual(ScanStatuses.Name(status), ScanStatuses.Thai(status));
            Assert.Equal(ScanStatuses.Name(status), ScanStatuses.Say(status, en: true));
        }
    }

    [Fact]
    public void AnUnknownStoredName_FailsLoudly()
    {
        var e = Assert.Throws<FormatException>(() => ScanStatuses.Parse("CertificateInvalid"));
        Assert.Contains("CertificateInvalid", e.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LaoScanBrief>(
            """{"id":1,"runId":2,"status":"gone","reason":null,"finishedAt":"2026-12-06T00:00:00Z"}""", Json.Options));
    }

    [Fact]
    public void TheApi_WritesTheStoredName_NotTheEnumMember()
    {
        var brief = new LaoScanBrief(1, 2, ScanStatus.CertificateInvalid, "tls", new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc));
        var json = Json.Serialize(brief);
        Assert.Contains("\"status\":\"certificate-invalid\"", json, StringComparison.Ordinal);
        Assert.Equal(brief, JsonSerializer.Deserialize<LaoScanBrief>(json, Json.Options));

        var row = new LaoListRow { DlaCode = "1234567", Status = ScanStatus.NoSnapshot };
        Assert.Contains("\"status\":\"no-snapshot\"", Json.Serialize(row), StringComparison.Ordinal);
        Assert.Contains("\"status\":null", Json.Serialize(new LaoListRow { DlaCode = "1234567" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoredScan_ReadsBackTyped_OnThePagesQueries()
    {
        await using var host = await TestHost.StartAsync();
        var code = TestData.NewCode();
        await new LaoStore(host.Database).UpsertAsync([TestData.Lao(code)], "test");
        var runId = await new RunStore(host.Database).CreateAsync("on-demand", "lao:" + code, 2570, [code]);
        await new ScanStore(host.Database).SaveAsync(
            TestData.Result(runId, code, [], status: "unreachable") with { Reason = "dns", Report = null });

        var queries = host.App.Services.GetRequiredService<LaoQueries>();
        var checklist = await queries.ChecklistAsync(code);
        Assert.Equal(ScanStatus.Unreachable, checklist?.Scan?.Status);
        Assert.Equal(ScanStatus.Unreachable, Assert.Single(await queries.HistoryAsync(code, 10)).Status);
        var failure = Assert.Single(await new RunStore(host.Database).FailuresAsync(runId));
        Assert.Equal(ScanStatus.Unreachable, failure.Status);
    }
}
