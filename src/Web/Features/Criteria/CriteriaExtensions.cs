using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PlanNacc.Web.Features.Criteria;

public static class CriteriaExtensions
{
    /// <summary>The criteria in force (embedded years with imported years over them) and their store; safe to call twice.</summary>
    public static IHostApplicationBuilder AddCriteria(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CriteriaStore>();
        builder.Services.TryAddSingleton<CriteriaSource>();
        builder.Services.TryAddSingleton<CriteriaImport>();
        return builder;
    }
}
