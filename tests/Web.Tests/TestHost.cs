using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Cli;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Tests;

/// <summary>The `serve` host in-process on a fresh SQLite folder, with browser-like clients (cookies kept, forms posted with their
/// anti-forgery token).</summary>
public sealed partial class TestHost : IAsyncDisposable
{
    private readonly bool _keepData;
    private TestDatabase? _database;

    private TestHost(WebApplication app, string dataDir, bool keepData)
    {
        App = app;
        DataDir = dataDir;
        _keepData = keepData;
    }

    public WebApplication App { get; }

    public string DataDir { get; }

    public Database Database => App.Services.GetRequiredService<Database>();

    public AccountStore Accounts => App.Services.GetRequiredService<AccountStore>();

    public ActivationCodes Codes => App.Services.GetRequiredService<ActivationCodes>();

    public ApiTokens Tokens => App.Services.GetRequiredService<ApiTokens>();

    /// <summary>A host on <paramref name="dataDir"/> (kept when the host stops, for a restart), or on a fresh folder removed
    /// after.</summary>
    public static async Task<TestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? dataDir = null)
    {
        var keepData = dataDir is not null;
        dataDir ??= Path.Combine(Path.GetTempPath(), "plannacc-web-tests", Guid.NewGuid().ToString("N"));
        var builder =
            WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "PlanNacc.Web", EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            // Nobody reads this process's console, and a console logger writing while Playwright starts its driver in the same
            // process (browser facts, the demo's renderer) can deadlock the console (see BrowserFixture.StartPlaywrightAsync).
            ["Logging:Console:LogLevel:Default"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(values);
        StorageExtensions.EnsureDataDir(new StorageOptions { DataDir = dataDir });
        var app = await ServeCommand.BuildAsync(builder, configureCrawler: null, runJobServer: false);
        await app.StartAsync();
        return new TestHost(app, dataDir, keepData);
    }

    /// <summary>A host on a fresh database of <paramref name="provider"/> ("sqlite", or "postgres": a new database on
    /// PLANNACC_TEST_PG, dropped when the host stops).</summary>
    public static async Task<TestHost> StartOnAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (provider != "postgres")
        {
            return await StartAsync(settings);
        }
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = database.Options.ConnectionString,
            };
            var host = await StartAsync(values);
            host._database = database;
            return host;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client that keeps cookies like a browser; <paramref name="https"/> makes the requests look like HTTPS.</summary>
    public HttpClient Browser(bool https = false)
    {
        var handler = new CookieHandler { InnerHandler = App.GetTestServer().CreateHandler() };
        return new HttpClient(handler) { BaseAddress = new Uri(https ? "https://localhost/" : "http://localhost/") };
    }

    public HttpClient Api(string? bearer = null)
    {
        var client = App.GetTestClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }
        return client;
    }

    /// <summary>Loads the page, then posts the form with the page's anti-forgery token (as a browser would).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl,
        IReadOnlyDictionary<string, string> fields, string? postUrl = null)
    {
        var html = await client.GetStringAsync(pageUrl);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"no anti-forgery token on {pageUrl}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpClient> SignedInAsync(TestHost host, string username, string password)
    {
        var client = host.Browser();
        var response = await PostFormAsync(client, "/account/login",
            new Dictionary<string, string> { ["Username"] = username, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_keepData)
        {
            Directory.Delete(DataDir, recursive: true);
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Cookies kept per client, redirects not followed (the tests look at them).</summary>
    private sealed class CookieHandler : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        public IEnumerable<Cookie> All => _cookies.GetAllCookies();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    _cookies.SetCookies(request.RequestUri!, cookie);
                }
            }
            return response;
        }
    }
}
