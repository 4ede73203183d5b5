using PlanNacc.SiteFarm.Generation;
using PlanNacc.SiteFarm.Serving;

namespace PlanNacc.SiteFarm;

/// <summary>
/// The site farm: synthetic LAO websites on loopback with ground truth. <see cref="Generate"/> is pure (same options →
/// same sites, same truth, same page bytes); <see cref="StartAsync"/> serves them from one Kestrel server that listens on
/// 127.0.0.1 (control endpoint) and on 127.0.1.1 … 127.0.1.N (the "hosting companies" the sites' hosts map to).
/// </summary>
public static class Farm
{
    public static IReadOnlyList<FarmSite> Generate(FarmOptions options)
    {
        Validate(options);
        return Identities.Create(options).Select(id => Describe(id, options)).ToList();
    }

    public static async Task<IRunningFarm> StartAsync(FarmOptions options, CancellationToken ct = default)
    {
        Validate(options);
        return await FarmServer.StartAsync(options, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A page, document or robots.txt exactly as the farm would serve it, without a server: for parser and classifier
    /// tests. Null for unknown URLs and for hostile sites whose content is their behaviour.
    /// </summary>
    public static FarmPage? Page(FarmOptions options, Uri url)
    {
        Validate(options);
        var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        var id = Identities.Create(options).FirstOrDefault(i => string.Equals(i.Host, host, StringComparison.OrdinalIgnoreCase));
        if (id is null || Shapes.IsContentless(id.Shape))
        {
            return null;
        }
        var model = Build(id, options);
        if (url.AbsolutePath == "/robots.txt")
        {
            return new FarmPage("text/plain", System.Text.Encoding.UTF8.GetBytes(model.Robots));
        }
        var page = SiteHandler.Find(model, Uri.UnescapeDataString(url.AbsolutePath), url.Query);
        if (page is null)
        {
            return null;
        }
        var (bytes, contentType) = SiteHandler.Render(options.Seed, model, page);
        return new FarmPage(contentType, bytes);
    }

    internal static void Validate(FarmOptions options)
    {
        if (options.Sites is < 0 or > 20_000)
        {
            throw new ArgumentOutOfRangeException(null, "Sites must be between 0 and 20000");
        }
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(null, "Port must be between 0 and 65535");
        }
        if (options.FiscalYear is < 2560 or > 2600)
        {
            throw new ArgumentOutOfRangeException(null, "FiscalYear is a Buddhist-era year between 2560 and 2600");
        }
        if (options.PagesPerSite is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(null, "PagesPerSite must be between 1 and 5000");
        }
        if (options.Epoch is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(null, "Epoch must be between 0 and 1000");
        }
        if (options.RequestLogCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(null, "RequestLogCapacity must be 0 or more");
        }
        if (options.HostingAddresses is < 1 or > 250)
        {
            throw new ArgumentOutOfRangeException(null, "HostingAddresses must be between 1 and 250");
        }
    }

    internal static Uri RootOf(string host, int port) => new(port == 0 ? $"http://{host}/" : $"http://{host}:{port}/");

    internal static SiteModel Build(SiteIdentity id, FarmOptions options) =>
        SiteBuilder.Build(id, options.Seed, options.FiscalYear, options.PagesPerSite, RootOf(id.Host, options.Port).ToString(),
            options.Epoch);

    /// <summary>The site's description; its page count and truth are computed from the model on first use.</summary>
    internal static FarmSite Describe(SiteIdentity id, FarmOptions options)
    {
        var root = RootOf(id.Host, options.Port);
        var details = new SiteDetails(() =>
        {
            var model = Build(id, options);
            var served = model.Pages.Values.Where(p => !p.External).ToList();
            return (served.Count, served.Count(p => p.Type is not (PageType.Document or PageType.Image)), Truth.Compute(model, root));
        });
        var outcome = id.Shape == Shapes.Markup ? "ok" : Shapes.Hostile.FirstOrDefault(h => h.Shape == id.Shape).Outcome;
        return new FarmSite
        {
            Host = id.Host,
            Root = root,
            Website = id.WwwInRegistry ? RootOf("www." + id.Host, options.Port) : root,
            DlaCode = id.DlaCode,
            Type = id.Type.Id,
            Name = id.Name,
            FullName = id.Type.FullPrefix + id.Name,
            Province = id.Province.Name,
            District = id.District,
            Size = id.Size,
            Shape = id.Shape,
            Hostile = outcome is not null,
            ExpectedOutcome = outcome,
            Address = id.Address,
            Details = details,
            NeedsRendering = id.Shape == "js-menu",
            Revision = Shapes.IsContentless(id.Shape) ? 0 : SiteBuilder.Revision(options.Seed, id.Index, options.Epoch),
            Geocode = $"{id.Province.Code:00}{id.DistrictNo:00}{id.TambonNo:00}",
            Truth = new LazyTruth(details),
        };
    }
}

/// <summary>The bytes of one farm URL and the Content-Type the farm serves them with.</summary>
public sealed record FarmPage(string ContentType, byte[] Body);
