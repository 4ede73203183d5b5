using System.Xml;

namespace PlanNacc.Crawler.Discovery;

/// <summary>The &lt;loc&gt; URLs of a sitemap or sitemap index (no DTDs, no external entities).</summary>
public static class SitemapReader
{
    public static (IReadOnlyList<Uri> Urls, bool IsIndex) Read(byte[] xml, int maxUrls)
    {
        var urls = new List<Uri>();
        var isIndex = false;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true,
            MaxCharactersInDocument = 50_000_000 };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            while (reader.Read() && urls.Count < maxUrls)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.Depth == 0)
                {
                    isIndex = reader.LocalName.Equals("sitemapindex", StringComparison.OrdinalIgnoreCase);
                }
                else if (reader.LocalName == "loc" && Uri.TryCreate(reader.ReadElementContentAsString().Trim(), UriKind.Absolute,
                    out var url) && url.Scheme is "http" or "https")
                {
                    urls.Add(url);
                }
            }
        }
        catch (XmlException)
        {
            // A malformed sitemap gives whatever was read before the error.
        }
        return (urls, isIndex);
    }
}
