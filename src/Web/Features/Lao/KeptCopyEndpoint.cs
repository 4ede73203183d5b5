using PlanNacc.Web.Features.Evidence;

namespace PlanNacc.Web.Features.Lao;

public static class KeptCopyEndpoint
{
    /// <summary>
    /// GET /evidence/{sha256}: the bytes the crawler kept, for the assessor to see what was judged. The copy is crawled,
    /// untrusted content: served under `Content-Security-Policy: sandbox` (an opaque origin, no scripts, no forms, no
    /// cookies of this site), never sniffed; only HTML and plain text inline, everything else as a download.
    /// </summary>
    public static WebApplication MapKeptCopy(this WebApplication app)
    {
        app.MapGet("/evidence/{sha256:regex(^[0-9a-f]{{64}}$)}",
            async (string sha256, HttpContext context, LaoQueries queries, EvidenceStore files, CancellationToken cancellationToken) =>
        {
            var blob = await queries.EvidenceBlobAsync(sha256, cancellationToken);
            var path = files.FullPath(sha256);
            if (blob is null || !File.Exists(path))
            {
                // Retention removes copies no recent scan cites: an old checklist's link says so instead of a bare 404.
                return Results.Text(
                    "ไม่มีสำเนานี้เก็บไว้แล้ว: ระบบเก็บสำเนาหลักฐานเฉพาะของการตรวจครั้งหลัง ๆ ของแต่ละ อปท. "
                    + "และที่มีผู้ขอรับรองหรืออุทธรณ์อ้างถึง\n"
                    + "This copy is no longer kept: PlanNacc keeps the evidence of each LAO's recent scans, "
                    + "and what an attestation or appeal cites.\n",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "private, max-age=3600";
            var type = blob.ContentType ?? "";
            var inline = type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
                || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
            return inline
                ? Results.File(path, type)
                : Results.File(path, "application/octet-stream", FileName(blob.Url, sha256));
        });
        return app;
    }

    private static string FileName(string url, string sha256)
    {
        var last = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : "";
        return string.IsNullOrWhiteSpace(last) || last.Any(c => char.IsControl(c) || c is '"' or '\\') ? sha256[..16] : last;
    }
}
