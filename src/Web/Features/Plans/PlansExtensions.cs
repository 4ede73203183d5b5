namespace PlanNacc.Web.Features.Plans;

public static class PlansExtensions
{
    public static IHostApplicationBuilder AddPlans(this IHostApplicationBuilder builder)
    {
        // Loaded (and checked) once at start-up: a broken framework file stops the host rather than a form.
        builder.Services.AddSingleton(new PlanFrameworks());
        builder.Services.AddSingleton<PlanStore>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<WebsiteCrossCheck>();
        builder.Services.AddSingleton<ProvinceReporting>();
        builder.Services.AddSingleton<NationalReporting>();
        return builder;
    }

    public static WebApplication MapPlans(this WebApplication app)
    {
        app.MapPlanApi();
        return app;
    }
}
