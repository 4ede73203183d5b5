using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PlanNacc.SiteFarm.Generation;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>Hostile behaviours. Each costs the farm almost nothing: bodies are streamed or built once, never per request.</summary>
internal static class Hostile
{
    public const long HugeBodyBytes = 1L << 30;
    private const int BombDecompressedMb = 1024;

    private static readonly byte[] Filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>lorem ipsum dolor sit amet</p>\n",
        2048)));

    /// <summary>
    /// A gzip file of 1,025 members: "&lt;html&gt;&lt;body&gt;" then 1,024 copies of one compressed MiB of spaces. Decompressors
    /// (GZipStream, zlib, browsers) read concatenated members as one stream: 1 GiB out of about 1 MB, built in milliseconds.
    /// </summary>
    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        var spaces = new byte[1 << 20];
        Array.Fill(spaces, (byte)' ');
        var member = Gzip(spaces);
        var head = Gzip("<html><body>"u8.ToArray());
        var bomb = new byte[head.Length + member.Length * BombDecompressedMb];
        head.CopyTo(bomb, 0);
        for (var i = 0; i < BombDecompressedMb; i++)
        {
            member.CopyTo(bomb, head.Length + i * member.Length);
        }
        return bomb;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(data);
        }
        return ms.ToArray();
    }

    public static async Task<bool> TryHandleAsync(HttpContext ctx, string shape, CancellationToken ct)
    {
        var path = ctx.Request.Path.Value ?? "/";
        if (shape == "hostile-connection-reset")
        {
            ctx.Abort();
            return true;
        }
        if (!Shapes.IsContentless(shape) || path == "/robots.txt")
        {
            return false;
        }
        if (HttpMethods.IsHead(ctx.Request.Method) && shape != "hostile-redirect-loop")
        {
            // Headers are the whole answer to HEAD; the trap is in the body.
            ctx.Response.ContentType = "text/html; charset=utf-8";
            ctx.Response.ContentLength = shape == "hostile-huge-body" ? HugeBodyBytes : null;
            return true;
        }
        try
        {
            switch (shape)
            {
                case "hostile-redirect-loop":
                    ctx.Response.StatusCode = 302;
                    ctx.Response.Headers.Location = path switch { "/" => "/index.php", "/index.php" => "/home.html", _ => "/" };
                    return true;
                case "hostile-slow-body":
                    ctx.Response.ContentType = "text/html; charset=utf-8";
                    var open = await Traffic.Write(ctx, "<!DOCTYPE html><html><body>\n"u8.ToArray(), ct).ConfigureAwait(false);
                    while (open && !ct.IsCancellationRequested)
                    {
                        open = await Traffic.Write(ctx, "<p>กำลังโหลด...</p>\n"u8.ToArray(), ct).ConfigureAwait(false);
                        await Task.Delay(1000, ct).ConfigureAwait(false);
                    }
                    return true;
                case "hostile-huge-body":
                    ctx.Response.ContentType = "text/html; charset=utf-8";
                    ctx.Response.ContentLength = HugeBodyBytes;
                    for (long sent = 0; sent < HugeBodyBytes && !ct.IsCancellationRequested; sent += Filler.Length)
                    {
                        var n = (int)Math.Min(Filler.Length, HugeBodyBytes - sent);
                        if (!await Traffic.Write(ctx, Filler.AsMemory(0, n), ct).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    return true;
                case "hostile-gzip-bomb":
                    ctx.Response.ContentType = "text/html; charset=utf-8";
                    ctx.Response.Headers.ContentEncoding = "gzip";
                    var bomb = Bomb.Value;
                    ctx.Response.ContentLength = bomb.Length;
                    await Traffic.Write(ctx, bomb, ct).ConfigureAwait(false);
                    return true;
                case "hostile-truncated-body":
                    ctx.Response.ContentType = "text/html; charset=utf-8";
                    ctx.Response.ContentLength = 100_000;
                    await Traffic.Write(ctx, "<!DOCTYPE html><html><body><h1>ข่าวประชาสัมพันธ์</h1>\n"u8.ToArray(), ct)
                        .ConfigureAwait(false);
                    await Traffic.Write(ctx, Filler.AsMemory(0, 20_000), ct).ConfigureAwait(false);
                    ctx.Abort();
                    return true;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away: that is the end a hostile body should have.
        }
        catch (IOException)
        {
        }
        return true;
    }

    /// <summary>An events calendar with previous/next links forever: a crawler must recognise the infinite URL space.</summary>
    public static string Calendar(string month)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date))
        {
            date = new DateOnly(2568, 1, 1);
        }
        // Clamped at the ends of the calendar, so even a crawler that never gives up gets pages, not errors.
        var prev = (date.Year > 1 || date.Month > 1 ? date.AddMonths(-1) : date)
            .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var next = (date.Year < 9999 || date.Month < 12 ? date.AddMonths(1) : date)
            .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var current = date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var sb = new StringBuilder("<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>ปฏิทินกิจกรรม ")
            .Append(current).Append("</title></head><body><h2>ปฏิทินกิจกรรม ").Append(current).Append("</h2>\n")
            .Append("<a href=\"index.php?mod=calendar&amp;month=").Append(prev).Append("\">&laquo; เดือนก่อนหน้า</a> | ")
            .Append("<a href=\"index.php?mod=calendar&amp;month=").Append(next).Append("\">เดือนถัดไป &raquo;</a>\n<table><tr>");
        for (var day = 1; day <= 28; day++)
        {
            sb.Append("<td><a href=\"index.php?mod=calendar&amp;month=").Append(current).Append("&amp;day=").Append(day).Append("\">")
                .Append(day).Append("</a></td>").Append(day % 7 == 0 ? "</tr><tr>" : "");
        }
        return sb.Append("</tr></table></body></html>").ToString();
    }

}
