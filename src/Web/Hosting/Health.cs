using System.Text.Json;
using Dapper;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler.Rendering;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Hosting;

/// <summary>
/// `/health` names what it checked: the database answers, the evidence folder takes a file, a job server was seen, Chromium
/// is there. "status" is "ok" while the dashboard can serve (a missing job server or Chromium degrades, it does not stop
/// pages), "unavailable" with 503 when the database or evidence folder fails. `/health/live` says only that the process answers.
/// </summary>
public static class Health
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .Add(Check("database", DatabaseAsync))
            .Add(Check("evidence", EvidenceAsync))
            .Add(Check("jobs", JobServersAsync))
            .Add(Check("chromium", (_, _) => Task.FromResult(ChromiumRendererProbe.Executable is { } path
                ? HealthCheckResult.Healthy($"chromium at {path}")
                : HealthCheckResult.Degraded("chromium not installed: script-built pages are read without rendering"))));
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new { status = "ok" }),
        }).AllowAnonymous();
        return app;
    }

    private static async Task<HealthCheckResult> DatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await services.GetRequiredService<Database>().OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(e.Message.Split('\n')[0]);
        }
    }

    private static Task<HealthCheckResult> EvidenceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var folder = services.GetRequiredService<IOptions<StorageOptions>>().Value.EvidenceDir;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".health-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return Task.FromResult(HealthCheckResult.Healthy($"{folder} writable"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{folder} not writable: {e.Message}"));
        }
    }

    private static Task<HealthCheckResult> JobServersAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<JobStorage>() is not { } storage)
        {
            return Task.FromResult(HealthCheckResult.Degraded("no job storage configured"));
        }
        var servers = storage.GetMonitoringApi().Servers();
        var recent = servers.Count(s => s.Heartbeat is { } beat && beat > DateTime.UtcNow.AddMinutes(-5));
        return Task.FromResult(recent > 0
            ? HealthCheckResult.Healthy($"{recent} job server(s) seen in the last 5 minutes")
            : HealthCheckResult.Degraded("no job server seen in the last 5 minutes: start `serve` or `worker`"));
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status == HealthStatus.Unhealthy ? "unavailable" : "ok",
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static HealthCheckRegistration Check(string name, Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check) =>
        new(name, services => new DelegateCheck(services, check), failureStatus: null, tags: null);

    private sealed class DelegateCheck(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check)
        : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            check(services, cancellationToken);
    }
}
