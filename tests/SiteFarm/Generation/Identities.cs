using System.Net;

namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// Who the farm's LAOs are. Site i depends only on sites before it, so a farm of 10 is a prefix of a farm of 7,000.
/// </summary>
internal static class Identities
{
    public static List<SiteIdentity> Create(FarmOptions options)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<SiteIdentity>(options.Sites + Shapes.Hostile.Count);
        var weights = Geography.Types.Select(t => (t, t.Weight)).ToList();
        var total = options.Sites + (options.IncludeHostile ? Shapes.Hostile.Count : 0) + (options.IncludeMarkupSite ? 1 : 0);
        for (var i = 0; i < total; i++)
        {
            var rng = Rng.For(options.Seed, "identity", i);
            var shape = i < options.Sites ? Shapes.Normal[i % Shapes.Normal.Count]
                : i - options.Sites < (options.IncludeHostile ? Shapes.Hostile.Count : 0) ? Shapes.Hostile[i - options.Sites].Shape
                : Shapes.Markup;
            string code;
            LaoType type;
            Province province;
            int district, tambon;
            var attempts = 0;
            do
            {
                type = rng.Weighted<LaoType>(weights);
                province = rng.Pick(Geography.Provinces);
                district = type.Id == "PAO" ? 1 : rng.Next(1, 16);
                tambon = type.Id == "PAO" ? 1 : rng.Next(1, 21);
                code = $"{type.Digit}{province.Code:00}{district:00}{tambon:00}";
            }
            while (!used.Add(code) && ++attempts < 10_000);
            var districtName = DistrictName(options.Seed, province, district);
            var name = type.Id switch
            {
                "PAO" => province.Name,
                "ThesabanNakhon" or "ThesabanMueang" when rng.Chance(0.5) => districtName.Replace("เมือง", ""),
                _ => Geography.PlaceName(rng),
            };
            if (shape == Shapes.Markup)
            {
                name = Shapes.MarkupName;
            }
            var size = type.Id switch
            {
                "PAO" or "ThesabanNakhon" => "L",
                "ThesabanMueang" => rng.Chance(0.6) ? "M" : "L",
                "ThesabanTambon" => rng.Chance(0.6) ? "S" : "M",
                _ => rng.Weighted<string>([("S", 0.45), ("M", 0.45), ("L", 0.1)]),
            };
            var address = IPAddress.Parse($"127.0.1.{1 + rng.Next(Math.Clamp(options.HostingAddresses, 1, 250))}");
            // Like many registry entries, some list www.host, which redirects to the site's own host. Not in the
            // first site of each shape, so small test farms start where they are listed.
            var www = i >= Shapes.Normal.Count && i < options.Sites && rng.Chance(0.3);
            list.Add(new SiteIdentity(i, code, $"t{code}.farm.test", type, name, province, districtName, district, tambon, size, shape,
                address, www));
        }
        return list;
    }

    /// <summary>District names depend on (seed, province, number) only, so sites in one district agree on its name.</summary>
    private static string DistrictName(int seed, Province province, int district) =>
        district == 1 ? "เมือง" + province.Name : Geography.PlaceName(Rng.For(seed, "district", province.Code, district));
}
