namespace PlanNacc.Web.Features.Registry;

public static class RegistryExtensions
{
    /// <summary>The LAO registry: the store every feature reads LAOs from, and the CSV import.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LaoStore>();
        builder.Services.AddTransient<RegistryImport>();
        return builder;
    }
}
