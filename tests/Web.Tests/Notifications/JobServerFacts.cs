using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Cli;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Tests.Runs;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>The notification jobs through Hangfire itself: the `serve` host with its job server, storage and activator.</summary>
[Collection(HangfireHosts.Name)]
public sealed class JobServerFacts
{
    [Fact]
    public async Task Collector_EnqueuedOnTheRealJobServer_SendsTheDigestThroughItsOwnJob()
    {
        await using var sink = new SmtpSink();
        var dataDir = Path.Combine(Path.GetTempPath(), "plannacc-web-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { ApplicationName = "PlanNacc.Web", EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            ["Scans:WorkerCount"] = "2",
            ["Scans:SweepEvery"] = "00:00:00",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
        });
        StorageExtensions.EnsureDataDir(new StorageOptions { DataDir = dataDir });
        try
        {
            await using var app = await ServeCommand.BuildAsync(builder, configureCrawler: null, runJobServer: true);
            await app.StartAsync();
            var database = app.Services.GetRequiredService<Database>();
            var code = TestData.NewCode();
            await new LaoStore(database).UpsertAsync([TestData.Lao(code)], "test");
            await app.Services.GetRequiredService<NotificationStore>().SaveSubscriptionAsync(new Subscription
            {
                Username = "lao", Email = "lao@example.go.th", Role = "lao", DlaCode = code,
            });
            foreach (var status in new[] { VerdictStatus.Pass, VerdictStatus.Fail })
            {
                var run = await new RunStore(database).CreateAsync("nightly", "all", 2568, [code]);
                await new ScanStore(database).SaveAsync(TestData.Result(run, code, [TestData.Item("o1", status)]));
            }

            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<NotificationJobs>(j => j.CollectAsync(CancellationToken.None));
            var store = app.Services.GetRequiredService<NotificationStore>();
            await FarmRun.WaitForAsync(async () => (await store.SentLogAsync("lao")).SingleOrDefault()?.Status == "sent",
                "the digest was never recorded as sent", TimeSpan.FromMinutes(2));
            var mail = Assert.Single(sink.Messages);
            Assert.Contains("1 รายการที่เคยผ่าน ไม่ผ่านหรือต้องทบทวน", mail.TextBody);
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
