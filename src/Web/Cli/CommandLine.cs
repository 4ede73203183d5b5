using System.Text;
using PlanNacc.Web.Composition;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>The verbs of design.md. Exit codes: 0 done, 1 failed, 2 bad arguments, 3 refused or impossible target.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;
    public const int Refused = 3;

    private static readonly IReadOnlyDictionary<string, VerbSpec> Verbs = new[]
    {
        new VerbSpec("serve", "serve [--urls U] [--demo]",
            "dashboard + API + job server (SQLite under ./data by default); --demo also starts the site farm and scans it",
            0, new Dictionary<string, bool> { ["--urls"] = true, ["--demo"] = false }),
        new VerbSpec("worker", "worker", "job server only, for scale-out (needs PostgreSQL)", 0, new Dictionary<string, bool>()),
        new VerbSpec("scan",
            "scan URL [--year Y] [--json] [--max-pages N] [--rate R] [--allow-private-network] [--resolve host:ip]"
            + " [--state DIR [--full-rescan]]",
            "crawl one site now and print the checklist (or JSON) with a progress display; --state DIR keeps what the next scan"
            + " of the site needs there, so it downloads only what changed (--full-rescan: a complete crawl, state kept)",
            1, new Dictionary<string, bool>
            {
                ["--year"] = true, ["--json"] = false, ["--max-pages"] = true, ["--rate"] = true,
                ["--allow-private-network"] = false, ["--resolve"] = true, ["--state"] = true, ["--full-rescan"] = false,
            }),
        new VerbSpec("classify", "classify [--year Y]",
            "JSON lines on stdin {\"id\",\"text\",\"url\"} -> stdout {\"id\",\"kinds\",\"fiscalYear\",\"fiscalYearSpan\",\"confidence\"}",
            0, new Dictionary<string, bool> { ["--year"] = true }),
        new VerbSpec("criteria", "criteria [--year Y] [--json] [--xlsx FILE] · criteria import FILE [--as NAME] · criteria diff A B",
            "print a year's items (code, title, indicator, sub-indicator, kinds, period rule, components; --xlsx writes the template);"
            + " import a year from that JSON or template; list items moved, renamed, changed, added and removed between two years",
            0, new Dictionary<string, bool> { ["--year"] = true, ["--json"] = false, ["--xlsx"] = true, ["--as"] = true },
            MaxPositionals: 3),
        new VerbSpec("import-registry", "import-registry FILE.csv",
            "load/refresh LAOs (code, type, name, province, district, size, website)", 1, new Dictionary<string, bool>()),
        new VerbSpec("run", "run --lao CODE | --province NAME | --all | --resume RUN [--wait] [--work]",
            "start a scan run of one LAO, a province or every LAO with a website (or enqueue again a run's LAOs without a result); "
                + "--wait shows its progress until it ends, --work also scans in this process",
            0, new Dictionary<string, bool>
            {
                ["--lao"] = true, ["--province"] = true, ["--all"] = false, ["--resume"] = true, ["--wait"] = false, ["--work"] = false,
            }),
        new VerbSpec("rescore", "rescore --year Y (--lao CODE | --province NAME | --all) [--wait]",
            "re-judge LAOs from their kept crawls against year Y's criteria, without one request to a website, as a run; "
                + "--wait judges here and shows its progress",
            0, new Dictionary<string, bool>
            {
                ["--year"] = true, ["--lao"] = true, ["--province"] = true, ["--all"] = false, ["--wait"] = false,
            }),
        new VerbSpec("runs", "runs [--id N] [--json]",
            "list the latest runs, or one run's progress (done, failed, left, rate, ETA)",
            0, new Dictionary<string, bool> { ["--id"] = true, ["--json"] = false }),
        new VerbSpec("add-admin", "add-admin NAME",
            "create a dashboard admin (or reset an admin's password); the password is read from stdin", 1, new Dictionary<string, bool>()),
        NotifyCommand.Spec,
    }.ToDictionary(v => v.Name);

    public static IEnumerable<string> VerbNames => Verbs.Keys;

    /// <summary>The build's version (the assembly's informational version, without the source hash).</summary>
    public static string Version =>
        (typeof(CommandLine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
                ?? "0.0.0").Split('+')[0];

    public static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine("usage: plannacc [--db sqlite|postgres] [--connection \"…\"] [--data-dir DIR] VERB [options]");
        text.AppendLine();
        foreach (var verb in Verbs.Values)
        {
            text.AppendLine($"  {verb.Usage}");
            text.AppendLine($"      {verb.Does}");
        }
        text.AppendLine();
        text.AppendLine(
            "database: --db sqlite|postgres, --connection \"…\" (or Storage:Provider / Storage:ConnectionString in appsettings.json,");
        text.AppendLine("          or PLANNACC_DB / PLANNACC_CONNECTION); data folder: --data-dir DIR (default ./data, or PLANNACC_DATA)");
        text.AppendLine("exit codes: 0 done, 1 failed, 2 bad arguments, 3 refused or unreachable target");
        return text.ToString();
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--version"] or ["version"])
        {
            Console.Out.WriteLine($"plannacc {Version}");
            return Ok;
        }
        // `plannacc VERB --help`: that verb's usage alone.
        if (args.FirstOrDefault(a => Verbs.ContainsKey(a)) is { } asked && args.Any(a => a is "--help" or "-h"))
        {
            Console.Out.WriteLine($"usage: plannacc [--db sqlite|postgres] [--connection \"…\"] [--data-dir DIR] {Verbs[asked].Usage}");
            Console.Out.WriteLine($"  {Verbs[asked].Does}");
            return Ok;
        }
        if (args.Length == 0 || args.Any(a => a is "--help" or "-h" or "help"))
        {
            (args.Length == 0 ? Console.Error : Console.Out).Write(Usage());
            return args.Length == 0 ? BadArguments : Ok;
        }
        try
        {
            var cli = CliArgs.Parse(args, Verbs);
            var overrides = Settings.Overrides(cli);
            return cli.Verb switch
            {
                "serve" => await ServeCommand.RunAsync(cli, overrides),
                "worker" => await WorkerCommand.RunAsync(overrides),
                "scan" => await ScanCommand.RunAsync(cli, overrides),
                "classify" => await ClassifyCommand.RunAsync(cli, overrides),
                "criteria" => await WithServicesAsync(overrides, database: true, s => CriteriaCommand.RunAsync(cli, s)),
                "import-registry" => await ImportRegistryCommand.RunAsync(cli, overrides),
                "run" => await RunCommand.RunAsync(cli, overrides),
                "runs" => await RunCommand.ShowAsync(cli, overrides),
                "rescore" => await RescoreCommand.RunAsync(cli, overrides),
                "add-admin" => await WithServicesAsync(overrides, database: true,
                    s => AddAdminCommand.RunAsync(s, cli, Console.In, Console.Out)),
                "notify" => await WithServicesAsync(overrides, database: false,
                    s => NotifyCommand.RunAsync(cli, s, Console.Out)),
                _ => throw new UsageException($"unknown verb '{cli.Verb}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"plannacc: {e.Message}");
            Console.Error.Write(Usage());
            return BadArguments;
        }
        catch (CliFailure e)
        {
            Console.Error.WriteLine($"plannacc: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is Hosting.SettingsException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            // One line per setting that cannot work, each naming it.
            var lines = e is Microsoft.Extensions.Options.OptionsValidationException v ? v.Failures : [e.Message];
            foreach (var line in lines.Distinct())
            {
                Console.Error.WriteLine($"plannacc: setting: {line}");
            }
            return BadArguments;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"plannacc: setting: {e.Message.Split('\n')[0]}");
            return BadArguments;
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"plannacc: database error: {e.Message.Split('\n')[0]}");
            return Failed;
        }
        catch (Exception e) when (e is StorageConfigurationException or DemoException or RegistryFormatException)
        {
            Console.Error.WriteLine($"plannacc: {e.Message}");
            return e is StorageConfigurationException && e.InnerException is null ? BadArguments : Failed;
        }
    }

    /// <summary>A verb that needs only services: the composition root's host (the schema migrated when it uses the database).</summary>
    private static async Task<int> WithServicesAsync(
        IReadOnlyDictionary<string, string?> overrides, bool database, Func<IServiceProvider, Task<int>> verb)
    {
        var builder = AppHost.CreateBuilder(overrides);
        if (database)
        {
            builder.CheckStorage(keepsEvidence: false);
        }
        builder.AddPlanNacc();
        using var host = builder.Build();
        if (database)
        {
            await host.MigrateAsync();
        }
        return await verb(host.Services);
    }
}
