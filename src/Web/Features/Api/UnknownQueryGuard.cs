using System.Collections.Concurrent;
using PlanNacc.Web.Hosting;

namespace PlanNacc.Web.Features.Api;

/// <summary>
/// An /api request with a query parameter its route does not take (a typo such as <c>?limt=5</c>, a filter that does
/// not exist) is refused with a 400 problem naming it, instead of silently answering as if it were not there.
/// </summary>
public static class UnknownQueryGuard
{
    private static readonly ConcurrentDictionary<Endpoint, IReadOnlySet<string>> Known = new();

    public static WebApplication UseUnknownQueryGuard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (Problems.IsApi(context.Request) && context.Request.Query.Count > 0
                && context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            {
                var known = Known.GetOrAdd(endpoint, ApiDescription.QueryParameters);
                var unknown = context.Request.Query.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
                if (unknown.Count > 0)
                {
                    var takes = known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal));
                    await Problems.Result(StatusCodes.Status400BadRequest,
                        $"unknown query parameter {string.Join(", ", unknown)}; this route takes: {takes}").ExecuteAsync(context);
                    return;
                }
            }
            await next(context);
        });
        return app;
    }
}
