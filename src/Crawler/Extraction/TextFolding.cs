using System.Text;
using AngleSharp.Dom;

namespace PlanNacc.Crawler.Extraction;

/// <summary>White space folding for page text: runs of spaces, tabs, new lines, NBSP and zero-width spaces become one space.</summary>
public static class TextFolding
{
    public static string Fold(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        Append(builder, text, maxLength);
        return builder.ToString().Trim();
    }

    /// <summary>The text of a node's descendants with a space between text nodes (block boundaries otherwise glue Thai words
    /// together).</summary>
    public static string TextOf(INode node, int maxLength = int.MaxValue)
    {
        var builder = new StringBuilder();
        Walk(node, builder, maxLength);
        return builder.ToString().Trim();
    }

    private static void Walk(INode node, StringBuilder builder, int maxLength)
    {
        foreach (var child in node.ChildNodes)
        {
            if (builder.Length >= maxLength)
            {
                return;
            }
            switch (child)
            {
                case IText text:
                    Append(builder, text.Data, maxLength);
                    break;
                case IElement element when element.LocalName is "script" or "style" or "noscript" or "template" or "svg":
                    break;
                case IElement element:
                    Walk(element, builder, maxLength);
                    if (element.LocalName is not ("b" or "i" or "span" or "strong" or "em" or "font" or "u" or "a" or "small" or "sup"
                        or "sub"))
                    {
                        AppendSpace(builder);
                    }
                    break;
            }
        }
    }

    private static void Append(StringBuilder builder, string text, int maxLength)
    {
        foreach (var c in text)
        {
            if (builder.Length >= maxLength)
            {
                return;
            }
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                AppendSpace(builder);
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static void AppendSpace(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != ' ')
        {
            builder.Append(' ');
        }
    }
}
