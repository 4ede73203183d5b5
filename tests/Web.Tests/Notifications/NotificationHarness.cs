using System.Collections.Concurrent;
using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Tests.Plans;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>
/// The notification services on a fresh migrated database, a hand-set clock, and a job client that keeps what the jobs
/// enqueue or schedule (Hangfire's own <see cref="Job"/> and state objects), so a fact runs each job when it chooses.
/// </summary>
public sealed class NotificationHarness : IAsyncDisposable
{
    private NotificationHarness(TestDatabase db, ServiceProvider services, RecordingJobs jobs, PlanClock clock)
    {
        Db = db;
        Services = services;
        Jobs = jobs;
        Clock = clock;
    }

    public TestDatabase Db { get; }
    public ServiceProvider Services { get; }
    public RecordingJobs Jobs { get; }
    public PlanClock Clock { get; }
    public Database Database => Db.Database;
    public NotificationStore Store => Services.GetRequiredService<NotificationStore>();
    public NotificationJobs Runner => Services.GetRequiredService<NotificationJobs>();
    public EventCollector Collector => Services.GetRequiredService<EventCollector>();

    public static async Task<NotificationHarness> CreateAsync(
        string provider, Action<NotificationOptions>? configure = null, DateTimeOffset? now = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new PlanClock(now ?? new DateTimeOffset(2026, 1, 12, 1, 0, 0, TimeSpan.Zero));
        var jobs = new RecordingJobs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(db.Database);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IBackgroundJobClient>(jobs);
        services.AddOptions<NotificationOptions>().Configure(o =>
        {
            o.PublicUrl = "https://plannacc.example.go.th";
            o.AllowPrivateNetwork = true;
            o.RetryDelaysSeconds = [1, 2];
            o.Smtp.Security = MailKit.Security.SecureSocketOptions.None;
            o.Smtp.From = "PlanNacc <noreply@plannacc.example.go.th>";
            o.Smtp.TimeoutSeconds = 10;
            o.Webhooks.Secret = "default-secret-for-tests";
            o.Webhooks.TimeoutSeconds = 2;
            configure?.Invoke(o);
        });
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<EventCollector>();
        services.AddSingleton<DigestRenderer>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<WebhookSender>();
        services.AddTransient<NotificationJobs>();
        return new NotificationHarness(db, services.BuildServiceProvider(), jobs, clock);
    }

    public NotificationOptions Options => Services.GetRequiredService<IOptions<NotificationOptions>>().Value;

    /// <summary>Runs the kept jobs, first in first out, including those they add, until none is left; returns how many ran.</summary>
    public async Task<int> RunJobsAsync()
    {
        var ran = 0;
        while (Jobs.TryTake(out var job))
        {
            await (Task)job.Job.Method.Invoke(Services.GetRequiredService<NotificationJobs>(), job.Job.Args.ToArray())!;
            ran++;
        }
        return ran;
    }

    public async Task AddLaosAsync(params LaoRecord[] laos) => await new LaoStore(Database).UpsertAsync(laos, "test");

    /// <summary>A nightly run of the given results (each LAO's items), finished when the last result is stored.</summary>
    public async Task<long> NightlyRunAsync(params (string Code, ItemVerdict[] Items, int Year, string Status)[] results)
    {
        var runId = await new RunStore(Database).CreateAsync("nightly", "all", results[0].Year, results.Select(r => r.Code).ToList());
        var scans = new ScanStore(Database);
        foreach (var (code, items, year, status) in results)
        {
            var result = TestData.Result(runId, code, items, status: status);
            result = status == "ok"
                ? result with
                {
                    Report = result.Report! with { Criteria = result.Report.Criteria with { Year = year, Id = $"ita-{year}" } },
                }
                : result with { Report = null, Reason = "connection timed out" };
            await scans.SaveAsync(result);
        }
        return runId;
    }

    public async Task<Subscription> SubscribeAsync(string username, string email, string role, string? province, string? dlaCode,
        string language = "th", string frequency = Frequencies.AfterRun) =>
        await Store.SaveSubscriptionAsync(new Subscription
        {
            Username = username, Email = email, Role = role, Province = province, DlaCode = dlaCode,
            Language = language, Frequency = frequency,
        });

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Db.DisposeAsync();
    }
}

/// <summary>Hangfire's client interface, keeping each created job with its state (enqueued or scheduled with a delay).</summary>
public sealed class RecordingJobs : IBackgroundJobClient
{
    private readonly ConcurrentQueue<(Job Job, IState State)> _jobs = new();
    private int _next;

    public List<(Job Job, IState State)> Created { get; } = [];

    public int Pending => _jobs.Count;

    public string Create(Job job, IState state)
    {
        _jobs.Enqueue((job, state));
        lock (Created)
        {
            Created.Add((job, state));
        }
        return Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;

    public bool TryTake(out (Job Job, IState State) job) => _jobs.TryDequeue(out job);

    public IReadOnlyList<(Job Job, IState State)> Scheduled(string method)
    {
        lock (Created)
        {
            return Created.Where(c => c.Job.Method.Name == method && c.State is ScheduledState).ToList();
        }
    }
}
