using System.Text;
using Microsoft.AspNetCore.Http;
using PlanNacc.SiteFarm.Generation;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>Answers one request: control endpoint, hostile behaviour, robots/sitemap, or a rendered page or document.</summary>
internal sealed class SiteHandler(FarmState state)
{
    private static readonly Encoding Tis620 = LoadTis620();
    private readonly ControlEndpoint _control = new(state);

    private static Encoding LoadTis620()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // A character windows-874 cannot hold is a farm bug: fail the request (500) rather than serve a silent '?'.
        return Encoding.GetEncoding(874, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var host = ctx.Request.Host.Host;
        if (!state.HostIndex.TryGetValue(host, out var index))
        {
            if (ctx.Request.Path.StartsWithSegments("/_farm", out var rest))
            {
                await _control.HandleAsync(ctx, rest.Value ?? "").ConfigureAwait(false);
                return;
            }
            await Text(ctx, 404, "text/plain; charset=utf-8", "unknown host: " + host).ConfigureAwait(false);
            return;
        }
        var id = state.Identities[index];
        var ct = ctx.RequestAborted;
        if (id.WwwInRegistry && host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = 301;
            ctx.Response.Headers.Location = new Uri(state.Sites[index].Root, ctx.Request.Path.ToUriComponent()
                + ctx.Request.QueryString).AbsoluteUri;
            return;
        }
        ctx.Response.Headers.Server = ServerHeader(id);
        if (await Hostile.TryHandleAsync(ctx, id.Shape, ct).ConfigureAwait(false))
        {
            return;
        }
        var model = state.Model(index);
        var path = ctx.Request.Path.Value ?? "/";
        if (path == "/robots.txt")
        {
            if (id.Shape == "hostile-robots-5xx")
            {
                await Text(ctx, 503, "text/html; charset=utf-8", "<html><body><h1>503 Service Unavailable</h1></body></html>")
                    .ConfigureAwait(false);
                return;
            }
            await Text(ctx, 200, "text/plain", model.Robots).ConfigureAwait(false);
            return;
        }
        if (path == "/sitemap.xml" && model.Sitemap)
        {
            await Text(ctx, 200, "application/xml; charset=utf-8", Sitemap(model, state.Sites[index].Root)).ConfigureAwait(false);
            return;
        }
        if (model.CalendarHref is not null && ctx.Request.Query["mod"] == "calendar")
        {
            await Text(ctx, 200, "text/html; charset=utf-8", Hostile.Calendar(ctx.Request.Query["month"].ToString())).ConfigureAwait(false);
            return;
        }
        if (model.HomeRedirect && path == "/" && !ctx.Request.QueryString.HasValue)
        {
            ctx.Response.StatusCode = 301;
            ctx.Response.Headers.Location = "/index.html";
            return;
        }
        var page = Find(model, path, ctx.Request.QueryString.Value ?? "");
        if (page is null)
        {
            if (IsAsset(path))
            {
                await Bytes(ctx, 200, path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "image/png",
                    path.EndsWith(".css", StringComparison.Ordinal) ? [] : Documents.Png.Value).ConfigureAwait(false);
                return;
            }
            await Text(ctx, model.SoftNotFound ? 200 : 404, "text/html; charset=utf-8",
                "<html><head><title>ไม่พบข้อมูล</title></head><body><h1>ไม่พบหน้าที่ต้องการ</h1><p><a "
                    + "href=\"/\">กลับหน้าหลัก</a></p></body></html>").ConfigureAwait(false);
            return;
        }
        var (bytes, contentType) = Render(state.Options.Seed, model, page);
        if (id.Shape == "hostile-wrong-content-type")
        {
            contentType = page.Type == PageType.Document ? "text/html" : page.Type == PageType.Image ? contentType
                : "application/octet-stream";
        }
        await NightlyChanges.WriteAsync(ctx, state.Options, id.Host, path + (ctx.Request.QueryString.Value ?? ""), contentType, bytes)
            .ConfigureAwait(false);
    }

    /// <summary>The bytes of a page, exactly as served (also used by the determinism self-check).</summary>
    public static (byte[] Bytes, string ContentType) Render(int seed, SiteModel model, Page page)
    {
        if (page.Type is PageType.Document or PageType.Image)
        {
            return Documents.For(model, page);
        }
        var rng = Rng.For(seed, "page", model.Id.Index, page.Href);
        if (!model.Tis620)
        {
            return (Encoding.UTF8.GetBytes(HtmlRenderer.Render(model, page, rng, metaCharset: true)), "text/html; charset=utf-8");
        }
        // TIS-620 sites: the charset is declared by header on some pages, by meta on others, both on some, and nowhere on one.
        var mode = page == UndeclaredPage(model) ? 3 : (int)(Hash.Of(page.Href) % 3);
        var html = HtmlRenderer.Render(model, page, rng, metaCharset: mode is 1 or 2);
        var header = mode switch
        {
            0 => "text/html; charset=tis-620",
            2 => "text/html; charset=windows-874",
            _ => "text/html",
        };
        return (Tis620.GetBytes(html), header);
    }

    private static Page? UndeclaredPage(SiteModel model) =>
        model.Pages.Values.FirstOrDefault(p => p.Kind == "authority" && p.Type == PageType.Authority)
        ?? model.Pages.Values.FirstOrDefault(p => p.Type == PageType.Content && !p.External);

    internal static Page? Find(SiteModel model, string path, string query)
    {
        if (model.Pages.TryGetValue(path + query, out var page) && !page.External)
        {
            return page;
        }
        // Servers answer a directory-style path with or without its trailing slash.
        var toggled = path.Length > 1 && path.EndsWith('/') ? path[..^1] : path + "/";
        if (model.Pages.TryGetValue(toggled + query, out page) && !page.External && page.Type is not (PageType.Document or PageType.Image))
        {
            return page;
        }
        if (query.Length == 0 && path is "/index.php" or "/index.html" or "/home")
        {
            return model.Pages.GetValueOrDefault("/");
        }
        if (query.Length > 1)
        {
            // A crawler may reorder query parameters; the same page must still answer.
            var sorted = SortQuery(query);
            return model.Pages.Values.FirstOrDefault(p => !p.External && p.Href.Contains('?', StringComparison.Ordinal)
                && SiteModel.Key(p.Href).StartsWith(path + "?", StringComparison.Ordinal)
                    && SortQuery(p.Href[p.Href.IndexOf('?', StringComparison.Ordinal)..]) == sorted);
        }
        return null;
    }

    private static string SortQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    private static bool IsAsset(string path) =>
        path.StartsWith("/images/", StringComparison.Ordinal) || path.StartsWith("/css/", StringComparison.Ordinal)
        || path == "/favicon.ico";

    private static string Sitemap(SiteModel model, Uri root)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
            + "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var page in model.Pages.Values.Where(p => !p.External && p.Type is not (PageType.Document or PageType.Image)))
        {
            sb.Append("<url><loc>").Append(System.Security.SecurityElement.Escape(new Uri(root, page.Href).AbsoluteUri))
                .Append("</loc></url>\n");
        }
        return sb.Append("</urlset>\n").ToString();
    }

    private static string ServerHeader(SiteIdentity id) => (id.Address.GetAddressBytes()[3] % 4) switch
    {
        0 => "Apache/2.4.41 (Ubuntu)",
        1 => "nginx/1.18.0",
        2 => "Microsoft-IIS/10.0",
        _ => "Apache",
    };

    internal static Task Text(HttpContext ctx, int status, string contentType, string body) =>
        Bytes(ctx, status, contentType, Encoding.UTF8.GetBytes(body));

    internal static async Task Bytes(HttpContext ctx, int status, string contentType, byte[] body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method))
        {
            await Traffic.Write(ctx, body, ctx.RequestAborted).ConfigureAwait(false);
        }
    }
}
