using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Hosting;

/// <summary>
/// What a real deployment needs from the web host, whatever the features: the sign-in key ring kept in the data folder
/// (sessions survive a restart; another data folder's cookies are refused), the client's address and scheme from a known
/// proxy, HSTS over HTTPS, a body size limit with a clear 413, and security headers on every answer.
/// </summary>
public static class WebDefaults
{
    private const string NonceKey = "plannacc:csp-nonce";

    public static WebApplicationBuilder AddWebDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebHostOptions>().BindConfiguration(WebHostOptions.Section)
            .Validate(o => !o.Problems().Any(), "Host settings").ValidateOnStart();
        var host = builder.Configuration.GetSection(WebHostOptions.Section).Get<WebHostOptions>() ?? new WebHostOptions();
        if (host.Problems().FirstOrDefault() is { } problem)
        {
            throw new SettingsException(problem);
        }
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var keys = string.IsNullOrWhiteSpace(host.KeysFolder)
            ? Path.Combine(storage.FullDataDir, "keys")
            : Path.GetFullPath(host.KeysFolder);
        // One key ring per data folder, under a fixed name: an upgrade that moves the binary keeps the sessions, another
        // instance with another data folder cannot read this one's cookies.
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(Directory.CreateDirectory(keys))
            .SetApplicationName("PlanNacc");
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in host.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = host.MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = host.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme, and answers with the headers.</summary>
    public static WebApplication UseWebDefaults(this WebApplication app)
    {
        var host = app.Services.GetRequiredService<IOptions<WebHostOptions>>().Value;
        if (host.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseHsts();
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > host.MaxRequestBodyBytes)
            {
                await TooLargeAsync(context, host.MaxRequestBodyBytes);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = host.MaxRequestBodyBytes;
            }
            AddSecurityHeaders(context);
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await TooLargeAsync(context, host.MaxRequestBodyBytes);
            }
        });
        return app;
    }

    /// <summary>The nonce the page's own inline scripts carry; any other inline script is refused by the CSP.</summary>
    public static string CspNonce(this HttpContext context) =>
        context.Items.TryGetValue(NonceKey, out var nonce) && nonce is string text ? text : "";

    private static void AddSecurityHeaders(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // An endpoint that sets its own policy (the sandboxed kept copies) keeps it; the job dashboard is Hangfire's own.
            if (!headers.ContainsKey("Content-Security-Policy") && !context.Request.Path.StartsWithSegments("/hangfire"))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    + $"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
    }

    private static async Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (Problems.IsApi(context.Request))
        {
            await context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>().WriteAsync(new()
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = 413,
                    Detail = $"the body is over the {limit / 1024 / 1024} MB limit (Host:MaxRequestBodyBytes)",
                },
            });
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            $"คำขอใหญ่เกิน {limit / 1024 / 1024} MB / "
            + $"The request body is over the {limit / 1024 / 1024} MB limit (Host:MaxRequestBodyBytes)");
    }
}

/// <summary>A setting that cannot work, told in one line that names it.</summary>
public sealed class SettingsException(string message) : Exception(message);
