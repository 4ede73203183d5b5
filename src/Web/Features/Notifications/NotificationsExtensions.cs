using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PlanNacc.Web.Features.Notifications;

public static class NotificationsExtensions
{
    /// <summary>Subscriptions, events, digests, mail and webhooks; the jobs run wherever a Hangfire server runs (serve, worker).</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<EventCollector>();
        builder.Services.AddSingleton<DigestRenderer>();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddTransient<NotificationJobs>();
        return builder;
    }

    /// <summary>Schedules the collector (every few minutes) and the weekly digest (Monday 08:00 Bangkok).</summary>
    public static IHost MapNotifications(this IHost app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        var settings = app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var zone = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone) };
        manager.AddOrUpdate<NotificationJobs>(
            NotificationJobs.CollectJobId, j => j.CollectAsync(CancellationToken.None), settings.CollectCron, zone);
        manager.AddOrUpdate<NotificationJobs>(
            NotificationJobs.WeeklyJobId, j => j.WeeklyAsync(CancellationToken.None), settings.WeeklyCron, zone);
        return app;
    }
}
