using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Api;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Exports;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.National;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Provinces;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features;

public static class DashboardExtensions
{
    /// <summary>The server-rendered Thai pages, one folder per feature under Features/.</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
        // Thai text as text, not &#xE1C; entities: the encoder still escapes markup characters (< > & " ').
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReadCache>();
        builder.Services.AddSingleton<LaoQueries>();
        builder.Services.AddSingleton<ProvinceQueries>();
        builder.Services.AddSingleton<NationalQueries>();
        builder.Services.AddSingleton<OverrideStore>();
        builder.AddAccounts();
        builder.AddPlans();
        builder.AddCriteria();
        builder.AddApiDescription();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAccounts();
        app.UseUnknownQueryGuard();
        app.MapApiDescription();
        app.MapRazorPages();
        app.MapLaoApi();
        app.MapScanApi();
        app.MapKeptCopy();
        app.MapExports();
        app.MapProvinces();
        app.MapOverrideApi();
        app.MapPlans();
        // Migrations run before the host starts, so answering at all means the schema is current.
        app.MapHealth();
        return app;
    }
}
