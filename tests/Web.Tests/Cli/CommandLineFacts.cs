using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PlanNacc.SiteFarm;

namespace PlanNacc.Web.Tests.Cli;

/// <summary>The verbs as an operator meets them: the built assembly run as a process, exit codes and stderr lines.</summary>
public sealed class CommandLineFacts : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "plannacc-cli-tests", Guid.NewGuid().ToString("N"));

    public CommandLineFacts() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Help_ListsEveryVerbOfTheDesign()
    {
        var (exit, stdout, _) = await WebProcess.RunAsync(["--help"]);

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve [--urls U] [--demo]", "worker", "scan URL", "classify [--year Y]", "criteria [--year Y] " +
            "[--json]", "import-registry FILE.csv", "--db sqlite|postgres", "--connection" })
        {
            Assert.Contains(verb, stdout);
        }
    }

    [Theory]
    [InlineData("frobnicate", "unknown verb 'frobnicate'")]
    [InlineData("import-registry", "import-registry: missing argument")]
    [InlineData("scan", "scan: missing argument")]
    [InlineData("scan http://a.go.th/ --frob", "unknown option --frob for scan")]
    [InlineData("scan http://a.go.th/ --max-pages many", "--max-pages expects a whole number")]
    [InlineData("--db oracle criteria", "--db must be sqlite or postgres")]
    [InlineData("worker", "worker needs PostgreSQL")]
    public async Task BadArguments_ExitTwo_WithOneLineErrorThenUsage(string args, string error)
    {
        var (exit, _, stderr) = await WebProcess.RunAsync(args.Split(' '));

        Assert.Equal(2, exit);
        var lines = stderr.Split('\n');
        Assert.StartsWith("plannacc: ", lines[0]);
        Assert.Contains(error, lines[0]);
        Assert.Contains("usage: plannacc", stderr);
    }

    [Fact]
    public async Task Serve_FailsWithOneClearLine_WhenPortIsBusy()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exit, _, stderr) =
            await WebProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", Path.Combine(_temp, "data")]);

        Assert.NotEqual(0, exit);
        Assert.Contains("port is already in use", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Serve_FailsWithOneClearLine_WhenDataFolderIsNotWritable()
    {
        var notAFolder = Path.Combine(_temp, "data-is-a-file");
        await File.WriteAllTextAsync(notAFolder, "");

        var (exit, _, stderr) =
            await WebProcess.RunAsync(["serve", "--urls", $"http://127.0.0.1:{WebProcess.FreePort()}", "--data-dir", notAFolder]);

        Assert.NotEqual(0, exit);
        Assert.Contains($"the data folder {notAFolder} is not writable", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task ImportRegistry_FailsWithOneLine_WhenDatabaseUnreachable()
    {
        var csv = Path.Combine(_temp, "empty.csv");
        await File.WriteAllTextAsync(csv, "dla_code,type,name,province,website\n");

        var (exit, _, stderr) =
            await WebProcess.RunAsync(["--db", "postgres", "--connection",
                $"Host=127.0.0.1;Port={WebProcess.FreePort()};Username=x;Database=y;Timeout=3", "import-registry", csv]);

        Assert.Equal(1, exit);
        Assert.StartsWith("plannacc: database error: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task ServeDemo_FailsWithOneClearLine_WhenFarmIsNotBuilt()
    {
        var missing = Path.Combine(_temp, "no-farm", "PlanNacc.SiteFarm.dll");

        var (exit, _, stderr) = await WebProcess.RunAsync(
            ["serve", "--demo", "--urls", $"http://127.0.0.1:{WebProcess.FreePort()}", "--data-dir", Path.Combine(_temp, "data")],
            environment: new Dictionary<string, string> { ["Demo__FarmPath"] = missing });

        Assert.Equal(1, exit);
        Assert.StartsWith($"plannacc: the site farm is not built ({missing})", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Scan_ExitsThree_WhenTargetIsLoopbackAndNotAllowed()
    {
        var (exit, _, stderr) = await WebProcess.RunAsync(["scan", "http://127.0.0.1:9/", "--json"]);

        Assert.Equal(3, exit);
        Assert.Contains("refused", stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Scan_PrintsDesignJson_WhenFarmSiteResolvedToLoopback()
    {
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, FiscalYear = 2568 });
        var site = farm.Sites[0];

        var (exit, stdout, stderr) = await WebProcess.RunAsync(
            ["scan", site.Root.ToString(), "--year", "2568", "--json", "--rate", "50", "--allow-private-network", "--resolve",
                $"{site.Host}:{farm.HostMap[site.Host]}"]);

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(2568, root.GetProperty("criteria").GetProperty("year").GetInt32());
        Assert.Equal("ita-2568", root.GetProperty("criteria").GetProperty("id").GetString());
        Assert.Equal(2568, root.GetProperty("fiscalYear").GetInt32());
        Assert.True(root.GetProperty("pagesFetched").GetInt32() > 1);
        Assert.True(root.GetProperty("durationMs").GetInt64() >= 0);
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Contains(i.GetProperty("status").GetString(), new[] { "pass", "fail", "review" }));
        Assert.Contains(items, i => i.GetProperty("status").GetString() == "pass" && i.GetProperty("evidence").GetArrayLength() > 0);
        Assert.True(root.GetProperty("score").GetProperty("oit").GetDouble() > 0);
        Assert.True(root.GetProperty("score").GetProperty("indicators").TryGetProperty("9", out _));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("kindsFound").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("errors").ValueKind);
        Assert.Contains("pages", stderr);
    }

    [Fact]
    public async Task Scan_HonoursCrawlerSettings_FromTheEnvironment_AndItsFlagsOverrideThem()
    {
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, FiscalYear = 2568, PagesPerSite = 12 });
        var site = farm.Sites[0];
        var environment = new Dictionary<string, string>
        {
            ["Crawler__AllowLoopback"] = "true",
            [$"Crawler__Resolve__{site.Host}"] = farm.HostMap[site.Host].ToString(),
            ["Crawler__MaxPagesPerSite"] = "2",
            ["Crawler__RequestsPerSecondPerHost"] = "50",
            ["Crawler__EnableRendering"] = "false",
        };

        var (exit, stdout, stderr) = await WebProcess.RunAsync(
            ["scan", site.Root.ToString(), "--year", "2568", "--json"], environment: environment);
        var (flagExit, flagStdout, flagStderr) = await WebProcess.RunAsync(
            ["scan", site.Root.ToString(), "--year", "2568", "--json", "--max-pages", "4"], environment: environment);

        Assert.True(exit == 0, stderr);
        Assert.True(flagExit == 0, flagStderr);
        using var settings = JsonDocument.Parse(stdout);
        using var flag = JsonDocument.Parse(flagStdout);
        Assert.Equal(2, settings.RootElement.GetProperty("pagesFetched").GetInt32());
        Assert.Equal(4, flag.RootElement.GetProperty("pagesFetched").GetInt32());
    }

    [Fact]
    public async Task Classify_AnswersEveryLine_AndAnErrorObjectForAMalformedOne()
    {
        const string input = """
            {"id":1,"text":"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568","url":"https://a.go.th/plan.pdf"}
            {"id":2,"text":
            {"id":"three","text":"แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)"}
            """;

        var (exit, stdout, _) = await WebProcess.RunAsync(["classify", "--year", "2568"], stdin: input + "\n");

        Assert.Equal(0, exit);
        var lines = stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(1, lines[0].GetProperty("id").GetInt32());
        Assert.Contains("anti-corruption-plan", lines[0].GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(2568, lines[0].GetProperty("fiscalYear").GetInt32());
        Assert.InRange(lines[0].GetProperty("confidence").GetDouble(), 0.01, 1);
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.True(lines[1].TryGetProperty("error", out _));
        Assert.Equal("three", lines[2].GetProperty("id").GetString());
        Assert.Equal([2566, 2570], lines[2].GetProperty("fiscalYearSpan").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("fiscalYear").ValueKind);
    }

    [Fact]
    public async Task Criteria_PrintsYearItems_WithFallbackNote_WhenYearHasNoFile()
    {
        var (exit, stdout, _) =
            await WebProcess.RunAsync(["--data-dir", Path.Combine(_temp, "data"), "criteria", "--year", "2570", "--json"]);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2570, doc.RootElement.GetProperty("requestedYear").GetInt32());
        Assert.Equal(2569, doc.RootElement.GetProperty("criteria").GetProperty("year").GetInt32());
        Assert.True(doc.RootElement.GetProperty("provisional").GetBoolean());
        Assert.Contains("2570", doc.RootElement.GetProperty("fallbackNote").GetProperty("th").GetString());
        var first = doc.RootElement.GetProperty("items")[0];
        Assert.Equal("O1", first.GetProperty("code").GetString());
        Assert.NotEmpty(first.GetProperty("kinds").EnumerateArray());
    }

    [Fact]
    public async Task ImportRegistry_ReportsBadLinesOnStderr_AndSummaryOnStdout()
    {
        var csv = Path.Combine(_temp, "registry.csv");
        await File.WriteAllTextAsync(csv,
            "dla_code,type,name,province,province_geocode,lao_geocode,size,dola_year,website,all_urls\n" +
            "6110112,TAO,บางโปรง,สมุทรปราการ,11,110161,M,2017,https://bangprong.go.th/,\n" +
            "61101,TAO,บางด้วน,สมุทรปราการ,11,110163,M,2017,,\n");

        var (exit, stdout, stderr) = await WebProcess.RunAsync(["--data-dir", Path.Combine(_temp, "data"), "import-registry", csv]);

        Assert.Equal(0, exit);
        Assert.Contains("line 3: 61101: bad dla_code", stderr);
        Assert.Contains("2 rows read; 1 LAOs imported (1 new, 0 updated); 1 rows rejected", stdout);
        Assert.True(File.Exists(Path.Combine(_temp, "data", "plannacc.db")));
    }
}
