using PlanNacc.Web.Hosting;

namespace PlanNacc.Web.Features.Shared;

/// <summary>One page of a list route: <c>{"items": [...], "total": N, "limit": L, "offset": O}</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, long Total, int Limit, int Offset);

/// <summary>
/// The paging of one list route: the default and the largest <c>limit</c>. Put on the endpoint with
/// <see cref="PagingExtensions.Paged{TBuilder}"/>: the handler checks a request's <c>limit</c>/<c>offset</c> against it and
/// the OpenAPI document reads the same numbers, so what is documented is what is enforced.
/// </summary>
public sealed record PageLimits(int DefaultLimit, int MaxLimit)
{
    /// <summary>The page asked for, or a 400 problem naming the parameter out of range (never a silent clamp).</summary>
    public bool TryRead(int? limit, int? offset, out Paging paging, out IResult? problem)
    {
        paging = new Paging(limit ?? DefaultLimit, offset ?? 0);
        problem = null;
        if (paging.Limit < 1 || paging.Limit > MaxLimit)
        {
            problem = Problems.Result(StatusCodes.Status400BadRequest, $"limit must be between 1 and {MaxLimit} (default {DefaultLimit})");
        }
        else if (paging.Offset < 0)
        {
            problem = Problems.Result(StatusCodes.Status400BadRequest, "offset must be 0 or more");
        }
        return problem is null;
    }
}

/// <summary>The page asked for: at most <see cref="Limit"/> items after skipping <see cref="Offset"/>.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public ListPage<T> Of<T>(IReadOnlyList<T> items, long total) => new(items, total, Limit, Offset);

    /// <summary>The page of a list already read whole (a ranking, a review queue): its slice and its full count.</summary>
    public ListPage<T> Slice<T>(IReadOnlyList<T> all) => new(all.Skip(Offset).Take(Limit).ToList(), all.Count, Limit, Offset);
}

public static class PagingExtensions
{
    /// <summary>Marks a list route and its limits (read by the handler and by the OpenAPI document).</summary>
    public static TBuilder Paged<TBuilder>(this TBuilder builder, PageLimits limits) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(limits);
}
