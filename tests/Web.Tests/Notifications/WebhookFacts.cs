using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Tests.Runs;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Notifications;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>Webhooks against a real HTTP server on loopback: signed JSON, bounded answers, retries, refused addresses.</summary>
public sealed class WebhookFacts
{
    private static async Task<long> OneEventAsync(NotificationHarness h, string code)
    {
        await h.AddLaosAsync(TestData.Lao(code, "บ้านเอ"));
        await h.NightlyRunAsync((code, [TestData.Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        await h.NightlyRunAsync((code, [TestData.Item("o1", VerdictStatus.Fail)], 2568, "ok"));
        return await h.ScalarAsync<long>("SELECT max(id) FROM notification_events");
    }

    [Fact]
    public async Task Deliver_PostsTheEventAsJson_SignedSoTheReceiverCanVerifyIt()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var h = await NotificationHarness.CreateAsync("sqlite");
        var code = TestData.NewCode();
        await h.Store.AddWebhookAsync($"{receiver.BaseUrl}/ok", "สิงห์บุรี", "province-secret", "admin");
        await h.Store.AddWebhookAsync($"{receiver.BaseUrl}/ok", "ลพบุรี", null, "admin");
        await OneEventAsync(h, code);
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();

        var call = Assert.Single(receiver.Calls);
        using var json = JsonDocument.Parse(call.Body);
        var root = json.RootElement;
        Assert.Equal(("items-lost", code), (root.GetProperty("type").GetString(), root.GetProperty("dlaCode").GetString()));
        Assert.Equal("อบต.บ้านเอ: 1 รายการที่เคยผ่าน ไม่ผ่านหรือต้องทบทวนในการตรวจล่าสุด",
            root.GetProperty("text").GetProperty("th").GetString());
        Assert.Equal($"https://plannacc.example.go.th/lao/{code}", json.RootElement.GetProperty("link").GetString());

        // The header as documented: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">, recomputed here independently.
        var match = System.Text.RegularExpressions.Regex.Match(call.Signature ?? "", "^t=(\\d+),v1=([0-9a-f]{64})$");
        Assert.True(match.Success, call.Signature);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("province-secret"),
            Encoding.UTF8.GetBytes($"{match.Groups[1].Value}.{call.Body}")));
        Assert.Equal(expected, match.Groups[2].Value);
        Assert.Equal(h.Clock.Now.ToUnixTimeSeconds(), long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var now = h.Clock.Now;
        Assert.True(WebhookSignature.Verify("province-secret", call.Signature, call.Body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("province-secret", call.Signature, call.Body + " ", now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other-secret", call.Signature, call.Body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("province-secret", call.Signature, call.Body, now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.Equal("delivered", Assert.Single(await h.Store.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task Deliver_RefusesALoopbackWebhook_UnlessPrivateNetworksAreAllowed()
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var h = await NotificationHarness.CreateAsync("sqlite", o => o.AllowPrivateNetwork = false);
        var sender = h.Services.GetRequiredService<WebhookSender>();
        Assert.Contains("refused: 127.0.0.1 is loopback", await sender.RefusalAsync($"{receiver.BaseUrl}/ok"));
        Assert.Contains("refused: 10.1.2.3 is private", await sender.RefusalAsync("http://10.1.2.3/hook"));
        Assert.Contains("not an http(s) URL", await sender.RefusalAsync("file:///etc/passwd"));

        // Registered before the setting changed (or by a name that now resolves to loopback): refused at delivery, not retried.
        await h.Store.AddWebhookAsync($"{receiver.BaseUrl}/ok", null, null, "admin");
        await OneEventAsync(h, TestData.NewCode());
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();
        var delivery = Assert.Single(await h.Store.DeliveriesAsync());
        Assert.Equal(("failed", 1), (delivery.Status, delivery.Attempts));
        Assert.Contains("refused: 127.0.0.1 is loopback", delivery.LastError);
        Assert.Empty(receiver.Calls);
        Assert.Empty(h.Jobs.Scheduled(nameof(NotificationJobs.DeliverAsync)));
    }

    [Theory]
    [InlineData("/fail", "answered 500", 500)]
    [InlineData("/hang", "no complete answer within 2 s", null)]
    [InlineData("/redirect", "/private-target not followed", 307)]
    public async Task Deliver_ABadWebhook_IsBoundedRecordedAndRetried_ThenGivenUp(string path, string error, int? status)
    {
        await using var receiver = await HookReceiver.StartAsync();
        await using var h = await NotificationHarness.CreateAsync("sqlite");
        await h.Store.AddWebhookAsync(receiver.BaseUrl + path, null, null, "admin");
        await OneEventAsync(h, TestData.NewCode());
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();

        var delivery = Assert.Single(await h.Store.DeliveriesAsync());
        Assert.Equal(("failed", h.Options.MaxAttempts, status), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Contains(error, delivery.LastError);
        Assert.Equal(h.Options.MaxAttempts, receiver.Count(path));
        Assert.Equal(h.Options.MaxAttempts - 1, h.Jobs.Scheduled(nameof(NotificationJobs.DeliverAsync)).Count);
        Assert.Equal(0, receiver.Count("/private-target"));
    }

    [Fact]
    public async Task Deliver_AWebhookAnsweringOneGigabyte_ReadsABoundedStart_AndClosesTheConnection()
    {
        var (url, bytesTaken, cut, stop) = HookReceiver.StartHugeAnswer();
        using var _ = stop;
        await using var h = await NotificationHarness.CreateAsync("sqlite");
        await h.Store.AddWebhookAsync(url, null, null, "admin");
        await OneEventAsync(h, TestData.NewCode());
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();

        var delivery = Assert.Single(await h.Store.DeliveriesAsync());
        Assert.Equal(("delivered", 200, 1), (delivery.Status, delivery.LastStatusCode, delivery.Attempts));
        // The sender stopped reading after its limit and closed the connection: the server's sends then fail. What the
        // client's socket took is its receive buffers, not the gigabyte.
        await FarmRun.WaitForAsync(() => Task.FromResult(cut()), "the connection of the 1 GB answer was never closed",
            TimeSpan.FromMinutes(1));
        Assert.True(bytesTaken() < 64L << 20, $"{bytesTaken()} bytes taken");
    }
}
