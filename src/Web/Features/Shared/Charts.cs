using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace PlanNacc.Web.Features.Shared;

public sealed record ChartPoint(string Label, double? Value);

/// <summary>
/// Server-side SVG charts (no script library): every text goes through the HTML encoder, values are numbers; each chart
/// carries a title and description for screen readers, and the pages print the same figures as a table beside it.
/// </summary>
public static class Charts
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 40;
    private const int Bottom = 30;
    private const int Top = 12;

    /// <summary>A line of 0-100 scores over time; gaps where a scan produced no score.</summary>
    public static IHtmlContent Trend(string id, string title, IReadOnlyList<ChartPoint> points)
    {
        var svg = new StringBuilder();
        Open(svg, id, title, $"{points.Count} points");
        Axis(svg);
        var step = points.Count > 1 ? (Width - Left - 10) / (double)(points.Count - 1) : 0;
        var path = new StringBuilder();
        var pen = 'M';
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + (points.Count > 1 ? i * step : (Width - Left) / 2.0);
            if (points[i].Value is not { } v)
            {
                pen = 'M';
                continue;
            }
            var y = Y(v);
            path.Append(CultureInfo.InvariantCulture, $"{pen}{x:0.#} {y:0.#} ");
            pen = 'L';
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"#1f4e9c\"><title>{Encode(points[i].Label)}: " +
                    $"{v:0.0}</title></circle>");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"2\"/>");
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"12\">{Encode(points[0].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width - 10}\" y=\"{Height - 8}\" font-size=\"12\" text-anchor=\"end\">{Encode(points[^1].Label)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>Horizontal bars, 0-100 (% of LAOs), one per label.</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<ChartPoint> bars)
    {
        const int row = 24;
        var height = Top + bars.Count * row + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{Encode(id)}\" class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {height}\" aria-labelledby=\"{Encode(id)}-t\" " +
                $"xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{Encode(id)}-t\">{Encode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var value = Math.Clamp(bars[i].Value ?? 0, 0, 100);
            var y = Top + i * row;
            var w = (Width - 260) * value / 100;
            // Long item titles are cut to fit beside the bar; the full title is in the tooltip and the table.
            var label = bars[i].Label.Length > 26 ? bars[i].Label[..25] + "…" : bars[i].Label;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\" font-size=\"13\">{Encode(label)}<title>{Encode(bars[i].Label)}</title></text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"200\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"16\" fill=\"#a4161a\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{200 + w + 6:0.#}\" y=\"{y + 15}\" font-size=\"12\">{value:0}%</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static void Open(StringBuilder svg, string id, string title, string description) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{Encode(id)}\" class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" aria-labelledby=\"{Encode(id)}-t " +
                $"{Encode(id)}-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{Encode(id)}-t\">{Encode(title)}</title><desc " +
                    $"id=\"{Encode(id)}-d\">{Encode(description)}</desc>");

    private static void Axis(StringBuilder svg)
    {
        foreach (var v in new[] { 0, 50, 100 })
        {
            var y = Y(v);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" x2=\"{Width - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d9dee7\"/><text x=\"{Left - 6}\" " +
                    $"y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{v}</text>");
        }
    }

    private static double Y(double value) => Top + (Height - Top - Bottom) * (1 - Math.Clamp(value, 0, 100) / 100);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
