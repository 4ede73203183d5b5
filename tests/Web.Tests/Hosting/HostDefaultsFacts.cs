using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Tests.Accounts;

namespace PlanNacc.Web.Tests.Hosting;

/// <summary>What a real deployment needs from the host (issue 15): key ring, proxy, limits, headers, settings, health, CLI.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class HostDefaultsFacts
{
    private const string Password = "host-password-0001";

    private static string NewDataDir() => Path.Combine(Path.GetTempPath(), "plannacc-web-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SignInCookie_SurvivesARestart_AndIsRefusedByAnotherDataFolder()
    {
        var (dir, otherDir) = (NewDataDir(), NewDataDir());
        try
        {
            string cookie;
            await using (var first = await TestHost.StartAsync(dataDir: dir))
            {
                await first.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");
                var browser = await TestHost.SignedInAsync(first, "root", Password);
                cookie = (await browser.GetAsync("/")).RequestMessage!.Headers.GetValues("Cookie").Single()
                    .Split("; ").Single(c => c.StartsWith("plannacc_auth=", StringComparison.Ordinal));
            }
            Assert.True(Directory.EnumerateFiles(Path.Combine(dir, "keys"), "key-*.xml").Any());

            await using var restarted = await TestHost.StartAsync(dataDir: dir);
            await using var other = await TestHost.StartAsync(dataDir: otherDir);
            await other.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");

            Assert.True(await SignedInAsync(restarted, cookie));
            Assert.False(await SignedInAsync(other, cookie));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
            Directory.Delete(otherDir, recursive: true);
        }
    }

    [Fact]
    public async Task EveryPage_SendsCsp_NoSniff_AndFrameProtection_AndItsOwnScriptCarriesTheNonce()
    {
        await using var host = await TestHost.StartAsync();

        foreach (var path in new[] { "/", "/account/login", "/runs", "/api/laos" })
        {
            var response = await host.Browser().GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Matches(Nonce(), csp);
            Assert.DoesNotContain("'unsafe-inline'", csp.Split("script-src")[1].Split(';')[0]);
        }
    }

    [Fact]
    public async Task BodyOverTheLimit_Answers413_WithTheSettingNamed()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Host:MaxRequestBodyBytes"] = "65536" });

        var response = await host.Browser().PostAsync("/account/login", new ByteArrayContent(new byte[100_000]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Host:MaxRequestBodyBytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KnownProxy_GivesTheClientsSchemeAndAddress_OthersAreIgnored()
    {
        await using var behindProxy = await TestHost.StartAsync(new Dictionary<string, string?> { ["Host:KnownProxies:0"] = "127.0.0.1" });
        await using var direct = await TestHost.StartAsync();

        var forwarded = await ViaProxyAsync(behindProxy, IPAddress.Loopback);
        var stranger = await ViaProxyAsync(behindProxy, IPAddress.Parse("127.0.0.2"));
        var unconfigured = await ViaProxyAsync(direct, IPAddress.Loopback);

        Assert.True(forwarded.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Contains(forwarded.Response.Headers.SetCookie, c => c!.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("203.0.113.9", forwarded.Connection.RemoteIpAddress?.ToString());
        Assert.False(stranger.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal("127.0.0.2", stranger.Connection.RemoteIpAddress?.ToString());
        Assert.False(unconfigured.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("Accounts:MaxFailedLogins", "0")]
    [InlineData("Accounts:MinPasswordLength", "3")]
    [InlineData("Host:KnownProxies:0", "nginx")]
    [InlineData("Host:MaxRequestBodyBytes", "10")]
    public async Task BadSetting_StopsTheStart_NamingTheSetting(string setting, string value)
    {
        var dir = NewDataDir();
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() =>
                TestHost.StartAsync(new Dictionary<string, string?> { [setting] = value }, dir));

            Assert.True(e is OptionsValidationException or SettingsException, e.ToString());
            Assert.Contains(setting.Split(":0")[0], e.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Health_NamesEachCheck_AndLiveAnswers()
    {
        await using var host = await TestHost.StartAsync();

        using var health = JsonDocument.Parse(await host.Api().GetStringAsync("/health"));
        var live = await host.Api().GetAsync("/health/live");

        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        var checks = health.RootElement.GetProperty("checks");
        Assert.Equal(["chromium", "database", "evidence", "jobs"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("evidence").GetProperty("status").GetString());
        // The test host runs no job server: the dashboard still serves, and says what is missing.
        Assert.Equal("degraded", checks.GetProperty("jobs").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Cli_TellsItsVersion_AndEachVerbsHelp()
    {
        var (exit, stdout, _) = await WebProcess.RunAsync(["--version"]);
        Assert.Equal(0, exit);
        Assert.Matches(VersionLine(), stdout.Trim());

        foreach (var verb in PlanNacc.Web.Cli.CommandLine.VerbNames)
        {
            var (verbExit, help, _) = await WebProcess.RunAsync([verb, "--help"]);
            Assert.Equal(0, verbExit);
            Assert.StartsWith($"usage: plannacc", help, StringComparison.Ordinal);
            Assert.Contains($"] {verb}", help.Split('\n')[0]);
            Assert.Equal(2, help.Trim().Split('\n').Length);
        }
    }

    [Fact]
    public async Task Cli_BadSetting_IsOneLineNamingIt()
    {
        var (exit, _, stderr) = await WebProcess.RunAsync(
            ["serve", "--urls", $"http://127.0.0.1:{WebProcess.FreePort()}", "--data-dir", NewDataDir()],
            environment: new Dictionary<string, string> { ["Accounts__MaxFailedLogins"] = "0" });

        Assert.Equal(2, exit);
        Assert.Equal("plannacc: setting: Accounts:MaxFailedLogins must be at least 1", stderr.Trim());
    }

    private static async Task<HttpContext> ViaProxyAsync(TestHost host, IPAddress proxy) =>
        await host.App.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = proxy;
            c.Request.Method = "GET";
            c.Request.Path = "/account/login";
            c.Request.Host = new HostString("plannacc.example.go.th");
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        });

    private static async Task<bool> SignedInAsync(TestHost host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var page = await (await host.Api().SendAsync(request)).Content.ReadAsStringAsync();
        return page.Contains("id=\"signed-in-as\"", StringComparison.Ordinal);
    }

    [GeneratedRegex("script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'")]
    private static partial Regex Nonce();

    [GeneratedRegex(@"^plannacc \d+\.\d+\.\d+")]
    private static partial Regex VersionLine();
}
