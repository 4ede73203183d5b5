using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PlanNacc.Web.Hosting;

/// <summary>
/// Errors in one shape. Under /api every error without a body of its own (a refused token, an unknown route, a body
/// too large, an unhandled exception…) answers RFC 9457 problem details (<c>application/problem+json</c>) whose title is
/// Thai and English, from the one mapping below; pages get a Thai error page in the site's layout, never a stack trace.
/// </summary>
public static class Problems
{
    /// <summary>The title of each status: Thai, then English.</summary>
    public static readonly IReadOnlyDictionary<int, (string Thai, string English)> Titles = new Dictionary<int, (string, string)>
    {
        [400] = ("คำขอไม่ถูกต้อง", "Bad request"),
        [401] = ("ต้องเข้าสู่ระบบหรือใช้โทเค็น", "Sign-in or token needed"),
        [403] = ("ไม่มีสิทธิ์", "Not allowed"),
        [404] = ("ไม่พบ", "Not found"),
        [405] = ("ไม่รองรับวิธีนี้", "Method not allowed"),
        [409] = ("ขัดแย้งกับข้อมูลที่มีอยู่", "Conflict"),
        [413] = ("คำขอใหญ่เกินไป", "Request body too large"),
        [415] = ("ชนิดข้อมูลไม่รองรับ", "Unsupported media type"),
        [422] = ("ข้อมูลไม่ผ่านการตรวจสอบ", "Unprocessable content"),
        [429] = ("คำขอถี่เกินไป", "Too many requests"),
        [500] = ("ระบบขัดข้อง", "Internal error"),
        [503] = ("ระบบยังไม่พร้อม", "Service unavailable"),
    };

    /// <summary>The answer of an /api handler that refuses: problem details with the mapped title and what went wrong.</summary>
    public static IResult Result(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail, statusCode: status, title: Title(status), extensions: extensions);

    /// <summary>
    /// A refusal from code that serves both: a problem under /api; elsewhere what a page does (403: the sign-in scheme's
    /// "access denied"; other statuses bare, so the Thai error page answers).
    /// </summary>
    public static IResult Refuse(HttpContext context, int status, string detail) =>
        IsApi(context.Request) ? Result(status, detail)
        : status == StatusCodes.Status403Forbidden ? Results.Forbid()
        : Results.StatusCode(status);

    public static string Title(int status) =>
        Titles.TryGetValue(status, out var t) ? $"{t.Thai} / {t.English}" : status >= 500 ? Title(500) : Title(400);

    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        // A value that does not bind (?fy=abc, malformed JSON, a wrong content type) throws, so the problem can name it.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Status = status;
            context.ProblemDetails.Title = Title(status);
            context.ProblemDetails.Type ??= $"https://httpwg.org/specs/rfc9110.html#status.{status}";
            // Never a stack trace or exception text to the caller: the log has them.
            context.ProblemDetails.Extensions.Remove("exception");
        });
        return builder;
    }

    /// <summary>The page that answers a page's error (403, 404, 5xx…), in the site's layout.</summary>
    public const string ErrorPagePath = "/error";

    /// <summary>
    /// Early in the pipeline: under /api, exceptions and bodiless error statuses become problem details; elsewhere the
    /// request is re-executed at <see cref="ErrorPagePath"/>, the Thai error page in the site's layout (never a stack trace).
    /// </summary>
    public static WebApplication UseProblems(this WebApplication app)
    {
        // Pages (outer): re-executed at the error page, which the host routes again.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusOf, ExceptionHandlingPath = ErrorPagePath });
        app.UseStatusCodePagesWithReExecute(ErrorPagePath + "/{0}");
        // /api (inner, so it answers first): problem details, which the outer handlers leave alone (they have a body).
        app.UseWhen(context => IsApi(context.Request), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = StatusOf,
                // A binding failure's message names the parameter and what was wrong with it; any other exception stays in the log.
                ExceptionHandler = context => WriteAsync(context, context.Response.StatusCode,
                    context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.Message : null),
            });
            api.UseStatusCodePages(context => WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        });
        // Sign-in and authorization inside the handlers above (the host would otherwise put them first, before them): a route's
        // refusal by its policy (401 challenge, 403 forbid) is a problem too, and they see the forwarded client address.
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static int StatusOf(Exception e) =>
        e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>The problem details of an /api error without a body of its own.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
