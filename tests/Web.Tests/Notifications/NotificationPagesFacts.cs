using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Tests.Accounts;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>The notification pages in the `serve` host (in process): who reaches them, and what an admin does there.</summary>
[Collection(HangfireHosts.Name)]
public sealed class NotificationPagesFacts
{
    private const string Password = "a-long-password-1";

    [Fact]
    public async Task AdminPage_RegistersWebhooksUnderTheAddressRule_AndShowsTheSentLogPerAccount_ToAdminsOnly()
    {
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string?> { ["Notifications:AllowPrivateNetwork"] = "false" });
        await host.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");
        await host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, Password, "test");
        var store = host.App.Services.GetRequiredService<NotificationStore>();
        var s = await store.SaveSubscriptionAsync(new Subscription
        {
            Username = "sing", Email = "sing@example.go.th", Role = Roles.Province, Province = "สิงห์บุรี",
        });
        await store.AddDigestAsync(s, "run:7", 0, new RenderedMail("<b>หัวเรื่อง</b>", "text", "<p>html</p>", null), 2);

        var officer = await TestHost.SignedInAsync(host, "sing", Password);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/notifications")).StatusCode);
        var denied = await officer.GetAsync("/notifications/admin");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location?.PathAndQuery);
        var anonymous = await host.Browser().GetAsync("/notifications");
        Assert.StartsWith("/account/login", anonymous.Headers.Location?.PathAndQuery);

        var admin = await TestHost.SignedInAsync(host, "root", Password);
        var refused = await TestHost.PostFormAsync(admin, "/notifications/admin", new Dictionary<string, string>
        {
            ["HookUrl"] = "http://127.0.0.1:9/hook",
        }, "/notifications/admin?handler=Add");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("refused: 127.0.0.1 is loopback", await refused.Content.ReadAsStringAsync());
        var added = await TestHost.PostFormAsync(admin, "/notifications/admin", new Dictionary<string, string>
        {
            ["HookUrl"] = "https://8.8.8.8/plannacc", ["Province"] = "สิงห์บุรี", ["Secret"] = "own",
        }, "/notifications/admin?handler=Add");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var hook = Assert.Single(await store.WebhooksAsync());
        Assert.Equal(("https://8.8.8.8/plannacc", "สิงห์บุรี", "own", "root"), (hook.Url, hook.Province, hook.Secret, hook.CreatedBy));

        var log = await admin.GetStringAsync("/notifications/admin?account=sing");
        Assert.Contains("data-digest=", log);
        Assert.Contains("&lt;b&gt;หัวเรื่อง&lt;/b&gt;", log);
        Assert.Contains("run:7", log);
        Assert.DoesNotContain("data-digest=", await admin.GetStringAsync("/notifications/admin?account=nobody"));
    }

    [Fact]
    public async Task Unsubscribe_AnswersAMailClientsOneClickPost_WithoutLoginOrAntiforgeryToken()
    {
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string?> { ["Notifications:PublicUrl"] = "http://localhost" });
        var store = host.App.Services.GetRequiredService<NotificationStore>();
        var s = await store.SaveSubscriptionAsync(new Subscription { Username = "x", Email = "x@example.go.th", Role = Roles.Admin });
        var link = await host.App.Services.GetRequiredService<UnsubscribeLinks>().LinkAsync(s.Id);

        // RFC 8058: the client posts "List-Unsubscribe=One-Click" to the header's URL.
        var client = host.Browser();
        var forged = await client.PostAsync(link.PathAndQuery.Replace("sig=", "sig=0", StringComparison.Ordinal),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True((await store.SubscriptionAsync(s.Id))!.Enabled);
        var response = await client.PostAsync(link.PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await store.SubscriptionAsync(s.Id))!.Enabled);
    }
}
